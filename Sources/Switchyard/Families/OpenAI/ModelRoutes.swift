import HTTPTypes
import Hummingbird

/// `GET /v1/models` and `GET /v1/models/{id}`: the models the caller's key may use, from the enabled channels, in
/// OpenAI's shape, or Anthropic's when the client sends `anthropic-version`.
struct ModelRoutes: Sendable {
    let channels: ChannelStore
    let authenticator: CustomerAuthenticator

    static let anthropicVersion = HTTPField.Name("anthropic-version")!

    func register(on router: Router<GatewayRequestContext>) {
        router.get("v1/models") { request, context in
            let token = try await authenticator.authenticate(request, context: context, extraHeaders: [AnthropicRoutes.apiKeyHeader], readOnly: true)
            let models = try await available(revision: token.settingsRevision).filter { token.allows(model: $0.id) }
            if request.headers[Self.anthropicVersion] != nil {
                let data = models.map { Self.anthropicModel($0.id) }
                return Response.json(
                    JSONValue.object([
                        "data": .array(data), "has_more": false, "first_id": models.first.map { .string($0.id) } ?? .null,
                        "last_id": models.last.map { .string($0.id) } ?? .null,
                    ]).encoded())
            }
            return Response.json(
                JSONValue.object(["object": "list", "data": .array(models.map { Self.openAIModel($0.id, ownedBy: $0.family) })]).encoded())
        }
        router.get("v1/models/:id") { request, context in
            let token = try await authenticator.authenticate(request, context: context, extraHeaders: [AnthropicRoutes.apiKeyHeader], readOnly: true)
            let id = try context.parameters.require("id")
            guard token.allows(model: id), let model = try await available(revision: token.settingsRevision).first(where: { $0.id == id }) else {
                throw GatewayError.modelNotFound(id)
            }
            if request.headers[Self.anthropicVersion] != nil { return Response.json(Self.anthropicModel(model.id).encoded()) }
            return Response.json(Self.openAIModel(model.id, ownedBy: model.family).encoded())
        }
    }

    private func available(revision: Int64) async throws -> [(id: String, family: String)] {
        var seen = Set<String>()
        var models: [(id: String, family: String)] = []
        for channel in try await channels.enabled(revision: revision) {
            for model in channel.models + channel.modelMapping.keys.sorted() where model != "*" && seen.insert(model).inserted {
                models.append((model, channel.family))
            }
        }
        return models.sorted { $0.id < $1.id }
    }

    static func openAIModel(_ id: String, ownedBy: String) -> JSONValue {
        .object(["id": .string(id), "object": "model", "created": .int(1_700_000_000), "owned_by": .string(ownedBy)])
    }

    static func anthropicModel(_ id: String) -> JSONValue {
        .object(["type": "model", "id": .string(id), "display_name": .string(id), "created_at": "2025-01-01T00:00:00Z"])
    }
}
