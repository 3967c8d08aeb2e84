import Hummingbird

/// MiniMax's Hailuo video API, in the list of emulated families.
struct MiniMaxEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [MiniMaxCatalog.mediaFolder] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        MiniMaxEmulatorRoutes(
            endpoint: EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: MiniMaxErrorVocabulary()),
            store: EmulatorRecordStore<MiniMaxTask>(), clock: endpoint.runtime.clock
        ).register(on: router)
    }
}

extension EmulatorServer {
    /// Base URL of MiniMax's API on this emulator (a MiniMax channel's base URL; the upstream paths are
    /// `/v1/...`, as at `https://api.minimax.io`): "http://127.0.0.1:PORT/minimax".
    public var miniMaxBaseURL: String {
        runtime.rootURL + MiniMaxCatalog.basePath
    }
}
