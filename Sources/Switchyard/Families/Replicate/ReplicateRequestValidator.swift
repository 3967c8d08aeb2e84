/// Validates Replicate's create bodies (by version, by official model, by deployment) and builds the call to run;
/// every problem is a 422 naming the field, before anything is held.
struct ReplicateRequestValidator: Sendable {
    let callbackPolicy: CallbackTargetPolicy
    /// The seconds a per-second price is held for (the `seconds` price fact; per-run and per-output prices ignore it).
    var maxPredictSeconds = ReplicateSettings().maxPredictSeconds

    /// Events a `webhook_events_filter` may name.
    static let webhookEvents = ["start", "output", "logs", "completed"]
    /// The most outputs one prediction may ask for (`input.num_outputs`), as the image models take: what a per-output
    /// price is held for.
    static let maxOutputs = 4
    /// An owner's or a model's name, and a version id: letters, digits, `-`, `_`, `.`.
    private static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    /// Where a prediction is made, as the customer named it.
    enum Target: Sendable, Equatable {
        /// `POST /predictions`: a version id, with its model when the caller wrote `owner/name:version`.
        case version(model: String?, id: String)
        /// `POST /models/{owner}/{name}/predictions`: an official model's current version.
        case model(owner: String, name: String)
        /// `POST /deployments/{owner}/{name}/predictions`.
        case deployment(owner: String, name: String)
    }

    /// `POST /predictions`: `version` is `owner/name:version` or a bare version id.
    func byVersion(_ body: JSONObject, baseURL: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        guard let version = try fields.string("version", required: true, maxLength: 300) else {
            throw GatewayError.validation(field: "version", "is required")
        }
        return try call(for: try Self.target(ofVersion: version), body: body, baseURL: baseURL)
    }

    /// The target a `version` field names.
    static func target(ofVersion text: String) throws -> Target {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2 {
            let model = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard model.count == 2, isName(model[0]), isName(model[1]), isName(parts[1]) else {
                throw GatewayError.validation(field: "version", "must be a version id or owner/name:version")
            }
            return .version(model: parts[0], id: parts[1])
        }
        guard isName(text) else { throw GatewayError.validation(field: "version", "must be a version id or owner/name:version") }
        return .version(model: nil, id: text)
    }

    /// `POST /models/{owner}/{name}/predictions` and `POST /deployments/{owner}/{name}/predictions`.
    func byPath(_ body: JSONObject, owner: String, name: String, deployment: Bool, baseURL: String) throws -> TaskCall {
        guard Self.isName(owner), Self.isName(name) else { throw GatewayError.notFound(deployment ? "Deployment" : "Model") }
        return try call(for: deployment ? .deployment(owner: owner, name: name) : .model(owner: owner, name: name), body: body, baseURL: baseURL)
    }

    /// The call for `target`: routed and priced by the model's `owner/name` (a bare version id by itself, a
    /// deployment as `deployments/owner/name`), with the number of outputs asked and the most seconds a per-second
    /// price is held for as price facts.
    func call(for target: Target, body: JSONObject, baseURL: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        guard case .object(let input)? = body["input"] else {
            throw GatewayError.validation(field: "input", body["input"] == nil ? "is required" : "must be an object")
        }
        let outputs = try JSONFieldReader(input, path: "input.").int("num_outputs", range: 1...Self.maxOutputs) ?? 1
        let webhook = try fields.string("webhook", maxLength: 2_048)
        if let webhook, !webhook.isEmpty { _ = try callbackPolicy.checkForm(webhook, field: "webhook") }
        let filter = try eventsFilter(body)
        let stream = try fields.bool("stream")

        let model: String
        let path: String
        var upstream: JSONObject = ["input": .object(input)]
        var request: JSONObject = ["input": .object(input), ReplicateFamily.baseURLKey: .string(baseURL)]
        switch target {
        case .version(let named, let id):
            model = named ?? id
            path = "/v1/predictions"
            upstream["version"] = .string(id)
            request["version"] = .string(id)
            if let named { request["model"] = .string(named) }
        case .model(let owner, let name):
            model = "\(owner)/\(name)"
            path = "/v1/models/\(owner)/\(name)/predictions"
            request["model"] = .string(model)
        case .deployment(let owner, let name):
            model = "deployments/\(owner)/\(name)"
            path = "/v1/deployments/\(owner)/\(name)/predictions"
            request["model"] = .string("\(owner)/\(name)")
        }
        if let stream { upstream["stream"] = .bool(stream) }
        if let webhook, !webhook.isEmpty { request["webhook"] = .string(webhook) }
        if let filter { request["webhook_events_filter"] = .array(filter.map(JSONValue.string)) }

        var call = TaskCall(action: ReplicateFamily.predictAction, model: model, request: request, path: path, upstreamBody: upstream)
        call.priceFacts["outputs"] = String(outputs)
        call.priceFacts["seconds"] = String(maxPredictSeconds)
        call.callbackURL = webhook?.isEmpty == false ? webhook : nil
        return call
    }

    private func eventsFilter(_ body: JSONObject) throws -> [String]? {
        guard let value = body["webhook_events_filter"], value != .null else { return nil }
        guard case .array(let events) = value, events.count <= Self.webhookEvents.count * 4 else {
            throw GatewayError.validation(field: "webhook_events_filter", "must be an array of events")
        }
        var names: [String] = []
        for event in events {
            guard let name = event.stringValue, Self.webhookEvents.contains(name) else {
                throw GatewayError.validation(field: "webhook_events_filter", "events must be one of \(Self.webhookEvents.joined(separator: ", "))")
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Whether `text` can be an owner, a model name or a version id.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 128 && text.allSatisfy(nameCharacters.contains) && text != "." && text != ".."
    }
}
