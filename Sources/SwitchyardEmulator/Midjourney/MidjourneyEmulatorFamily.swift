import Hummingbird

/// The midjourney-proxy upstream in the list of emulated families.
struct MidjourneyEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [MidjourneyCatalog.mediaFamily] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        MidjourneyEmulatorRoutes(
            endpoint: EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: MidjourneyVocabulary()),
            store: MidjourneyEmulatorStore(clock: endpoint.runtime.clock)
        ).register(on: router)
    }
}
