import HTTPTypes
import Hummingbird

/// What every Flux route does around its own work, as Black Forest Labs answers: count the request, carry out the
/// forced fault, check the `x-key` header (403 without one, 401 for a key this instance does not accept), read the
/// body, choose and carry out the request's fault (`X-Emulator-Fault`, `[fault:<x>]` in `prompt`, the fault mix).
struct FluxEmulatorEndpoint: Sendable {
    let endpoint: EmulatorEndpoint

    /// What a route's work receives.
    struct Call: Sendable {
        let body: EmulatorJSONFields
        /// The outcome fault chosen for the request (`fail`), if any.
        let fault: EmulatorFault?
        /// The caller's key, the owner of the tasks it creates.
        let ownerKey: String
    }

    var runtime: EmulatorRuntime { endpoint.runtime }

    /// Runs one request of `route` through the shared steps and `work`; `submits` marks the create routes, which
    /// read a body and honour requested faults.
    func respond(
        _ route: String, _ request: Request, _ context: EmulatorRequestContext, submits: Bool = false, _ work: (Call) async throws -> Response
    ) async throws -> Response {
        runtime.recordRequest(route)
        do {
            let forced = runtime.configuration.forcedFault
            if let forced, !forced.shapesOutcome, let response = try await endpoint.faults.apply(forced, context: context, successStatus: .ok) {
                return response
            }
            guard let key = request.headers[HTTPField.Name("x-key")!]?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
                return EmulatorHTTPError(status: .forbidden, detail: "Not authenticated").response
            }
            if let accepted = runtime.configuration.acceptedKeys, !accepted.contains(key) {
                return EmulatorHTTPError(status: .unauthorized, detail: "Invalid API key").response
            }
            var body = EmulatorJSON.object([])
            var fault = forced
            if submits {
                guard let parsed = try await endpoint.readJSONBody(request), parsed.isObject else {
                    throw FluxValidationError(location: ["body"], message: "Input should be a valid dictionary", type: "dict_type")
                }
                body = parsed
                if forced == nil {
                    fault =
                        try EmulatorFaultSelector.headerFault(in: request.headers) ?? EmulatorFaultSelector.promptFault(
                            in: body["prompt"]?.stringValue)
                        ?? runtime.drawFault()
                    if let fault, let response = try await endpoint.faults.apply(fault, context: context, successStatus: .ok) { return response }
                }
            }
            let call = Call(body: try EmulatorJSONFields(body: body), fault: fault, ownerKey: key)
            return endpoint.faults.reshape(try await work(call), for: fault)
        } catch let error as FluxValidationError {
            return error.response
        } catch let error as EmulatorHTTPError {
            // The shared field reader's 400s and 422s ("<field>: <problem>") are all 422s at BFL, as FastAPI's are.
            guard error.status == .unprocessableContent || error.status == .badRequest else { return error.response }
            guard let colon = error.detail.range(of: ": ") else {
                return FluxValidationError(location: ["body"], message: error.detail).response
            }
            let field = String(error.detail[..<colon.lowerBound])
            return FluxValidationError.field(field, String(error.detail[colon.upperBound...])).response
        }
    }
}

/// BFL's 422: `{"detail":[{"loc":[...],"msg","type"}]}`.
struct FluxValidationError: Error, Sendable {
    let location: [String]
    let message: String
    var type = "value_error"

    /// A problem with body field `field`.
    static func field(_ field: String, _ message: String, type: String = "value_error") -> FluxValidationError {
        FluxValidationError(location: ["body", field], message: message, type: type)
    }

    var response: Response {
        let item = EmulatorJSON.object([
            ("loc", .array(location.map { .string($0) })), ("msg", .string(message)), ("type", .string(type)),
        ])
        return EmulatorResponse.json(.object([("detail", .array([item]))]), status: .unprocessableContent)
    }
}
