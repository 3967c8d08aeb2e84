import Hummingbird

/// Replicate's prediction API, in the list of emulated families.
struct ReplicateEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [ReplicateCatalog.mediaFamily] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        ReplicateEmulatorRoutes(
            endpoint: EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: ReplicateEmulatorVocabulary()),
            store: ReplicateEmulatorStore(clock: endpoint.runtime.clock)
        ).register(on: router)
    }
}
