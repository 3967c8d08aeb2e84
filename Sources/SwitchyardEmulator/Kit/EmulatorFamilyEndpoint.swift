import Hummingbird

/// What every route of an emulated family does around its own work, in the family's error vocabulary: count the
/// request, carry out the instance's forced fault, check the key, read the body, choose and carry out the
/// request's fault, and spoil the answer for the body faults.
struct EmulatorFamilyEndpoint<Vocabulary: EmulatorErrorVocabulary>: Sendable {
    /// The shared request handling, for the runtime, body reading, key checks and connection-level faults.
    let endpoint: EmulatorEndpoint
    /// How the family words its errors.
    let vocabulary: Vocabulary

    /// Which faults a route honours besides the instance's forced fault.
    enum FaultSelection: Sendable {
        /// Only the forced fault (reads).
        case forcedOnly
        /// Also the `X-Emulator-Fault` header, `[fault:<x>]` keywords in these body fields, and the configured
        /// fault mix (creates and submits).
        case requested(keywordFields: [String])
    }

    /// What a route's work receives.
    struct Call: Sendable {
        /// The request body as an object (empty for routes that read none).
        let body: EmulatorJSONFields
        /// The fault chosen for the request, if any; only the outcome faults (`fail`, `partial`, `late-cancel`)
        /// and the body faults reach the work, which decides how a created job ends.
        let fault: EmulatorFault?
        /// The caller's bearer key, the owner of what the call creates.
        let ownerKey: String
    }

    /// The instance's shared runtime.
    var runtime: EmulatorRuntime { endpoint.runtime }

    /// Where the asset files of `mediaFolder` are served, e.g. "http://127.0.0.1:PORT/media/suno".
    func mediaBaseURL(_ mediaFolder: String) -> String {
        "\(runtime.rootURL)/media/\(mediaFolder)"
    }

    /// Runs one request of `route` (e.g. "POST /suno/submit/music") through the shared steps and `work`.
    /// - Parameters:
    ///   - successStatus: the route's normal status, which the `malformed` fault answers with.
    ///   - readsBody: true when the route takes a JSON object body (a missing or non-object body is then an error
    ///     in the family's vocabulary).
    func respond(
        _ route: String,
        _ request: Request,
        _ context: EmulatorRequestContext,
        successStatus: HTTPResponse.Status = .ok,
        readsBody: Bool = false,
        faults selection: FaultSelection = .forcedOnly,
        _ work: (Call) async throws -> Response
    ) async throws -> Response {
        runtime.recordRequest(route)
        do {
            let forced = runtime.configuration.forcedFault
            if let forced, !forced.shapesOutcome, let response = try await apply(forced, context, successStatus) {
                return response
            }
            guard let ownerKey = vocabulary.acceptedKey(request, endpoint: endpoint) else { return vocabulary.unauthorized }
            let body = readsBody ? try await endpoint.readJSONBody(request) : EmulatorJSON.object([])
            var fault = forced
            if forced == nil, case .requested(let keywordFields) = selection {
                fault =
                    try EmulatorFaultSelector.headerFault(in: request.headers)
                    ?? keywordFields.lazy.compactMap { EmulatorFaultSelector.promptFault(in: Self.text(body, at: $0)) }.first
                    ?? runtime.drawFault()
                if let fault, let response = try await apply(fault, context, successStatus) { return response }
            }
            let call = Call(body: try EmulatorJSONFields(body: body), fault: fault, ownerKey: ownerKey)
            return endpoint.faults.reshape(try await work(call), for: fault)
        } catch {
            guard let response = vocabulary.response(for: error) else { throw error }
            return response
        }
    }

    /// Carries out `fault` before the work, in the family's vocabulary where it has its own answer.
    /// - Returns: the response to send instead of the normal one, or nil to carry on.
    private func apply(
        _ fault: EmulatorFault,
        _ context: EmulatorRequestContext,
        _ successStatus: HTTPResponse.Status
    ) async throws -> Response? {
        if let response = vocabulary.faultResponse(fault, successStatus: successStatus) { return response }
        return try await endpoint.faults.apply(fault, context: context, successStatus: successStatus)
    }

    /// The string at dotted `path` in `body` (e.g. "gen_params.prompt"), nil when absent or not a string.
    private static func text(_ body: EmulatorJSON?, at path: String) -> String? {
        var value = body
        for key in path.split(separator: ".") { value = value?[String(key)] }
        return value?.stringValue
    }
}
