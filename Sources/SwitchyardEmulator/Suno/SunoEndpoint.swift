import Hummingbird

/// What every Suno route does around its own work: count the request, carry out faults, check the key, read
/// the body, and wrap the answer in the relay envelope (`{"code":"success","message":"","data":...}`) or
/// render a `SunoError` as `{"code":...,"message":...,"data":null}`.
struct SunoEndpoint: Sendable {
    /// The shared request handling, for the runtime, body reading, key checks and connection-level faults.
    let endpoint: EmulatorEndpoint

    /// Which faults a route honours besides the instance's forced fault.
    enum FaultSelection: Sendable {
        /// Only the forced fault (reads: fetch, feed, act).
        case forcedOnly
        /// Also the `X-Emulator-Fault` header and `[fault:<x>]` keywords in these body fields (creates).
        case requested(keywordFields: [String])
    }

    /// What a route's work receives.
    struct Call: Sendable {
        /// The request body as an object (empty for routes without one).
        let body: EmulatorJSONFields
        /// The fault chosen for the request, if any; only `fail` and `partial` reach the work.
        let fault: EmulatorFault?
    }

    /// The instance's shared runtime.
    var runtime: EmulatorRuntime { endpoint.runtime }

    /// Where this family's asset files are served, e.g. "http://127.0.0.1:PORT/media/suno".
    var mediaBaseURL: String {
        "\(runtime.rootURL)/media/\(SunoCatalog.mediaFamily)"
    }

    /// Runs one request of `route` (e.g. "POST /suno/submit/music") through the common steps and `work`, whose
    /// result becomes the envelope's `data`.
    func respond(
        _ route: String,
        _ request: Request,
        _ context: EmulatorRequestContext,
        readsBody: Bool = false,
        faults selection: FaultSelection = .forcedOnly,
        _ work: (Call) async throws -> EmulatorJSON
    ) async throws -> Response {
        runtime.recordRequest(route)
        do {
            let forced = runtime.configuration.forcedFault
            if let forced, !forced.shapesOutcome, let response = try await apply(forced, context) {
                return response
            }
            guard endpoint.acceptedBearerKey(request) != nil else { throw SunoError.unauthorized }
            let body = readsBody ? try await endpoint.readJSONBody(request) : EmulatorJSON.object([])
            var fault = forced
            if forced == nil, case .requested(let keywordFields) = selection {
                fault =
                    try EmulatorFaultSelector.headerFault(in: request.headers)
                    ?? keywordFields.lazy.compactMap { EmulatorFaultSelector.promptFault(in: body?[$0]?.stringValue) }
                    .first
                    ?? runtime.drawFault()
                if let fault, let response = try await apply(fault, context) { return response }
            }
            let data = try await work(Call(body: try EmulatorJSONFields(body: body), fault: fault))
            return endpoint.faults.reshape(
                EmulatorResponse.json(.object([("code", .string("success")), ("message", .string("")), ("data", data)])), for: fault)
        } catch let error as SunoError {
            return error.response
        } catch let error as EmulatorHTTPError {
            return SunoError(error).response
        }
    }

    /// Carries out `fault` before the work, answering errors in the Suno envelope.
    /// - Returns: the response to send instead of the normal one, or nil to carry on (after `slow`'s delay;
    ///   `fail` and `partial` are left to the work, `garbage` and `slow-body` to the reshaping of its answer).
    private func apply(_ fault: EmulatorFault, _ context: EmulatorRequestContext) async throws -> Response? {
        switch fault {
        case .serverError:
            return SunoError(
                status: .internalServerError, code: "internal_error", message: "Internal server error (emulated)"
            ).response
        case .rateLimited:
            return SunoError(
                status: .tooManyRequests,
                code: "rate_limited",
                message: "Too many requests (emulated)",
                headers: [.retryAfter: "1"]
            ).response
        case .malformed:
            return EmulatorResponse.raw(#"{"code":"success","message":"","data":"unterminated"#, status: .ok)
        case .slow, .timeout, .drop, .cut, .fail, .partial, .lateCancel, .garbage, .slowBody:
            return try await endpoint.faults.apply(fault, context: context, successStatus: .ok)
        }
    }
}
