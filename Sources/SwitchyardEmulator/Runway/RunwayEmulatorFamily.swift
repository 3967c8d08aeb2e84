import Hummingbird

/// Runway's API, in the list of emulated families.
struct RunwayEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [RunwayEmulatorCatalog.mediaFamily] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        RunwayEmulatorRoutes(
            endpoint: EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: RunwayEmulatorVocabulary()),
            store: RunwayEmulatorStore(clock: endpoint.runtime.clock)
        ).register(on: router)
    }
}
