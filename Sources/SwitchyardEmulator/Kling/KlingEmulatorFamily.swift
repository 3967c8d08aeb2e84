import Hummingbird

/// Kling's official API, in the list of emulated families.
struct KlingEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [KlingCatalog.mediaFolder] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        KlingEmulatorRoutes(
            family: EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: KlingVocabulary()),
            store: KlingEmulatorStore(clock: endpoint.runtime.clock)
        ).register(on: router)
    }
}

extension EmulatorServer {
    /// Base URL of the Kling API on this emulator, a Kling channel's base URL: "http://127.0.0.1:PORT/kling" (the
    /// gateway appends Kling's `/v1/...` paths).
    public var klingBaseURL: String {
        runtime.rootURL + KlingCatalog.basePath
    }
}
