import Hummingbird

/// The proxy's submit answer, `{"code","description","result","properties"}`, always with HTTP 200: codes 1
/// (submitted), 21 (exists, or waiting for a modal), 22 (queued) are accepted and charged; 23 (queue full), 24
/// (banned prompt), 3 (no account), 4 (validation) and others are refusals, charged nothing.
enum MidjourneySubmitResult {
    /// The codes under which the upstream took the task.
    static let acceptedCodes: Set<Int> = [1, 21, 22]
    /// The refusals that speak of the upstream account rather than the request: queue full, no account.
    static let accountCodes: Set<Int> = [23, 3]
    /// The `properties` keys passed on from an upstream answer (others name upstream accounts and messages).
    static let safeProperties = ["status", "numberOfQueues", "bannedWord", "promptEn", "finalPrompt", "remix"]

    /// The envelope.
    static func body(code: Int, description: String, result: JSONValue, properties: JSONObject = [:]) -> JSONValue {
        .object(["code": .int(code), "description": .string(description), "result": result, "properties": .object(properties)])
    }

    static func response(code: Int, description: String, result: JSONValue, properties: JSONObject = [:]) -> Response {
        .json(body(code: code, description: description, result: result, properties: properties).encoded())
    }

    /// The upstream's `properties`, keeping only what is safe to show (short strings, numbers, booleans).
    static func safe(_ properties: JSONValue?) -> JSONObject {
        var kept = JSONObject()
        for key in safeProperties {
            switch properties?[key] {
            case .string(let text)? where text.count <= 2_000: kept[key] = .string(text)
            case .number(let number)?: kept[key] = .number(number)
            case .bool(let flag)?: kept[key] = .bool(flag)
            default: break
            }
        }
        return kept
    }

    /// The answer to a submitted task: the upstream's accepting code and words, with Switchyard's task id.
    static func submitted(_ task: TaskRecord) -> Response {
        let submit = task.result?["submit"]
        let code = submit?["code"]?.intValue ?? 1
        let description = submit?["description"]?.stringValue ?? "Submit success"
        return response(code: code, description: description, result: .string(task.id), properties: safe(submit?["properties"]))
    }

    /// A refusal the gateway makes itself in the upstream's terms (a banned word), answered like the upstream's own.
    static func refusal(code: Int, description: String, properties: JSONObject) -> GatewayError {
        // A full queue (23) or no free account (3) is the upstream account's state, not the request's: another
        // channel may take it.
        var error = GatewayError(.upstreamRejected, .badRequest, description, retryable: Self.accountCodes.contains(code))
        error.upstreamAnswer = body(code: code, description: description, result: .null, properties: properties)
        return error
    }
}
