import Hummingbird

/// Luma's Dream Machine API, in the list of emulated families.
struct LumaEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [LumaEmulatorRoutes.mediaFamily] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        let store = LumaEmulatorStore(clock: endpoint.runtime.clock)
        LumaEmulatorRoutes(endpoint: EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: EmulatorDetailVocabulary()), store: store)
            .register(on: router)
    }
}
