import Hummingbird

/// Recraft's image API, in the list of emulated families.
struct RecraftEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [RecraftCatalog.mediaFolder] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        RecraftEmulatorRoutes(family: EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: RecraftVocabulary()), styles: RecraftEmulatorStyles())
            .register(on: router)
    }
}

extension EmulatorServer {
    /// Base URL of the Recraft API on this emulator, a Recraft channel's base URL:
    /// "http://127.0.0.1:PORT/recraft/v1".
    public var recraftBaseURL: String {
        runtime.rootURL + RecraftCatalog.basePath
    }
}
