import Hummingbird

/// What every route of a relay-protocol family (Suno, Udio) does around its own work: the shared steps of
/// `EmulatorFamilyEndpoint` in the relay vocabulary, and the answer wrapped in the relay envelope
/// `{"code":"success","message":"","data":...}`.
struct RelayEndpoint: Sendable {
    /// The shared steps in the relay vocabulary.
    let family: EmulatorFamilyEndpoint<RelayVocabulary>

    /// What a route's work receives.
    typealias Call = EmulatorFamilyEndpoint<RelayVocabulary>.Call

    /// The relay endpoint over the instance's shared request handling.
    init(endpoint: EmulatorEndpoint) {
        family = EmulatorFamilyEndpoint(endpoint: endpoint, vocabulary: RelayVocabulary())
    }

    /// The instance's shared runtime.
    var runtime: EmulatorRuntime { family.runtime }

    /// Where the asset files of `mediaFolder` are served, e.g. "http://127.0.0.1:PORT/media/suno".
    func mediaBaseURL(_ mediaFolder: String) -> String {
        family.mediaBaseURL(mediaFolder)
    }

    /// Runs one request of `route` (e.g. "POST /suno/submit/music") through the shared steps and `work`, whose
    /// result becomes the envelope's `data`.
    func respond(
        _ route: String,
        _ request: Request,
        _ context: EmulatorRequestContext,
        readsBody: Bool = false,
        faults selection: EmulatorFamilyEndpoint<RelayVocabulary>.FaultSelection = .forcedOnly,
        _ work: (Call) async throws -> EmulatorJSON
    ) async throws -> Response {
        try await family.respond(route, request, context, readsBody: readsBody, faults: selection) { call in
            EmulatorResponse.json(Self.envelope(try await work(call)))
        }
    }

    /// The success envelope around `data`.
    static func envelope(_ data: EmulatorJSON) -> EmulatorJSON {
        .object([("code", .string("success")), ("message", .string("")), ("data", data)])
    }
}
