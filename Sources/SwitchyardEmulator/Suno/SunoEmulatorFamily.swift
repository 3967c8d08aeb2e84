import Hummingbird

/// Suno music as relays expose it, in the list of emulated families.
struct SunoEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [SunoCatalog.mediaFamily] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        let store = SunoEmulatorStore(clock: endpoint.runtime.clock)
        SunoEmulatorRoutes(endpoint: RelayEndpoint(endpoint: endpoint), store: store).register(on: router)
    }
}
