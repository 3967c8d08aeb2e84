import Hummingbird

/// Pika as relays expose it, in the list of emulated families.
struct PikaEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [PikaEmulatorRoutes.mediaFolder] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        PikaEmulatorRoutes(
            endpoint: EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: PikaErrorVocabulary()), store: EmulatorRecordStore<PikaVideo>(),
            clock: endpoint.runtime.clock
        ).register(on: router)
    }
}

extension EmulatorServer {
    /// Base URL of the Pika relay on this emulator (a Pika channel's base URL; the upstream paths are `/generate`
    /// and `/feed/{id}`): "http://127.0.0.1:PORT/pika".
    public var pikaBaseURL: String {
        runtime.rootURL + PikaEmulatorRoutes.basePath
    }
}
