import Hummingbird

/// Black Forest Labs' Flux API, in the list of emulated families.
struct FluxEmulatorFamily: EmulatorFamily {
    /// Samples are delivered by the family's own signed route, not from `/media`.
    var mediaFolders: [String] { [] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        FluxEmulatorRoutes(endpoint: FluxEmulatorEndpoint(endpoint: endpoint), store: FluxEmulatorStore(clock: endpoint.runtime.clock))
            .register(on: router)
    }
}
