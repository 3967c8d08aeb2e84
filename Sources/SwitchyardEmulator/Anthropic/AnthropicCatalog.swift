/// The models the emulated Anthropic API knows and their pre-rendered model objects.
enum AnthropicCatalog {
    /// One model of `GET /v1/models`.
    struct Model: Sendable {
        /// The model id.
        let id: String
        /// `display_name`.
        let displayName: String
        /// `created_at`, RFC 3339.
        let createdAt: String
    }

    /// Every known model, newest first (the order the API lists them in).
    static let models: [Model] = [
        Model(id: "claude-opus-4-1-20250805", displayName: "Claude Opus 4.1", createdAt: "2025-08-05T00:00:00Z"),
        Model(id: "claude-sonnet-4-20250514", displayName: "Claude Sonnet 4", createdAt: "2025-05-22T00:00:00Z"),
        Model(id: "claude-3-5-sonnet-latest", displayName: "Claude Sonnet 3.5", createdAt: "2024-10-22T00:00:00Z"),
        Model(id: "claude-3-5-haiku-latest", displayName: "Claude Haiku 3.5", createdAt: "2024-10-22T00:00:00Z"),
        Model(id: "claude-3-haiku-20240307", displayName: "Claude Haiku 3", createdAt: "2024-03-07T00:00:00Z"),
    ]

    /// The model object of each known model.
    private static let objects: [String: EmulatorJSON] = Dictionary(
        uniqueKeysWithValues: models.map { ($0.id, json(of: $0)) })

    /// The JSON text of each model object, rendered once.
    private static let renderedObjects: [String: String] = objects.mapValues(\.serialized)

    /// True for a known model id.
    static func knows(_ id: String) -> Bool {
        objects[id] != nil
    }

    /// The JSON text of the model object of `id`, nil for an unknown model.
    static func modelObject(_ id: String) -> String? {
        renderedObjects[id]
    }

    /// Checks that `model` exists. - Throws: 404 `not_found_error` "model: <id>".
    static func require(_ model: String) throws {
        guard knows(model) else { throw AnthropicError.notFound("model: \(model)") }
    }

    /// A page of the model list: up to `limit` models after `afterID` or before `beforeID`.
    static func page(limit: Int, afterID: String?, beforeID: String?) -> EmulatorJSON {
        var slice = models[...]
        if let afterID, let index = models.firstIndex(where: { $0.id == afterID }) {
            slice = models[(index + 1)...]
        } else if let beforeID, let index = models.firstIndex(where: { $0.id == beforeID }) {
            slice = models[..<index].suffix(limit)
        }
        let page = Array(slice.prefix(limit))
        return .object([
            ("data", .array(page.compactMap { objects[$0.id] })),
            ("has_more", .bool(page.count < slice.count || (beforeID != nil && page.first?.id != models.first?.id))),
            ("first_id", .from(page.first?.id)),
            ("last_id", .from(page.last?.id)),
        ])
    }

    /// The model object of `model`.
    private static func json(of model: Model) -> EmulatorJSON {
        .object([
            ("type", .string("model")),
            ("id", .string(model.id)),
            ("display_name", .string(model.displayName)),
            ("created_at", .string(model.createdAt)),
            ("lifecycle", .string("active")),
            ("max_input_tokens", .int(200_000)),
            ("max_tokens", .int(model.id.contains("haiku") ? 8_192 : 32_000)),
        ])
    }
}
