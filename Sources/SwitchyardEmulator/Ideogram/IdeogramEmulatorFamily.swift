import Hummingbird

/// Ideogram's image API, in the list of emulated families; it serves its own expiring image links.
struct IdeogramEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        IdeogramEmulatorRoutes(endpoint: endpoint, links: IdeogramSignedLink()).register(on: router)
    }
}

extension EmulatorServer {
    /// Base URL of the Ideogram API on this emulator (an Ideogram channel's base URL):
    /// "http://127.0.0.1:PORT/ideogram".
    public var ideogramBaseURL: String {
        runtime.rootURL + IdeogramCatalog.basePath
    }
}
