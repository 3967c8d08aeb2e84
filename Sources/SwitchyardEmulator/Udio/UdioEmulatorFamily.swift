import Hummingbird

/// Udio music as relays expose it, in the list of emulated families.
struct UdioEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [UdioCatalog.mediaFamily] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        let store = UdioEmulatorStore(clock: endpoint.runtime.clock)
        UdioEmulatorRoutes(endpoint: RelayEndpoint(endpoint: endpoint), store: store).register(on: router)
    }
}
