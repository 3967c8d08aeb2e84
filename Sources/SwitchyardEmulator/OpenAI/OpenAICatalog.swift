/// The models the emulated OpenAI API knows, what each can do, and the pre-rendered model objects.
enum OpenAICatalog {
    /// What a model is used for; each route accepts one kind.
    enum Kind: Sendable {
        /// Chat completions, responses and (leniently) legacy completions.
        case chat
        /// `/v1/embeddings`.
        case embedding
        /// `/v1/images/generations`.
        case image
        /// `/v1/audio/speech`.
        case speech
        /// `/v1/audio/transcriptions`.
        case transcription
    }

    /// One model of `GET /v1/models`.
    struct Model: Sendable {
        /// The model id.
        let id: String
        /// What it does.
        let kind: Kind
        /// Creation time (Unix seconds), as OpenAI lists it.
        let created: Int
        /// `owned_by`.
        let ownedBy: String
    }

    /// Every known model, in listing order.
    static let models: [Model] = [
        Model(id: "gpt-4o", kind: .chat, created: 1_715_367_049, ownedBy: "system"),
        Model(id: "gpt-4o-mini", kind: .chat, created: 1_721_172_741, ownedBy: "system"),
        Model(id: "gpt-4.1", kind: .chat, created: 1_744_316_542, ownedBy: "system"),
        Model(id: "gpt-4.1-mini", kind: .chat, created: 1_744_318_173, ownedBy: "system"),
        Model(id: "o3-mini", kind: .chat, created: 1_737_146_383, ownedBy: "system"),
        Model(id: "text-embedding-3-small", kind: .embedding, created: 1_705_948_997, ownedBy: "system"),
        Model(id: "text-embedding-3-large", kind: .embedding, created: 1_705_953_180, ownedBy: "system"),
        Model(id: "dall-e-2", kind: .image, created: 1_698_798_177, ownedBy: "system"),
        Model(id: "dall-e-3", kind: .image, created: 1_698_785_189, ownedBy: "system"),
        Model(id: "gpt-image-1", kind: .image, created: 1_745_517_030, ownedBy: "system"),
        Model(id: "tts-1", kind: .speech, created: 1_681_940_951, ownedBy: "openai-internal"),
        Model(id: "whisper-1", kind: .transcription, created: 1_677_532_384, ownedBy: "openai-internal"),
    ]

    /// The kind of each known model.
    private static let kinds: [String: Kind] = Dictionary(uniqueKeysWithValues: models.map { ($0.id, $0.kind) })

    /// The JSON text of each model object, rendered once.
    private static let modelObjects: [String: String] = Dictionary(
        uniqueKeysWithValues: models.map { ($0.id, json(of: $0).serialized) })

    /// The JSON text of `GET /v1/models`, rendered once.
    static let modelList: String = EmulatorJSON.object([
        ("object", .string("list")),
        ("data", .array(models.map(json(of:)))),
    ]).serialized

    /// The JSON text of the model object of `id`, nil for an unknown model.
    static func modelObject(_ id: String) -> String? {
        modelObjects[id]
    }

    /// Checks that `model` exists and is of `kind`.
    /// - Throws: 404 `model_not_found` for an unknown model; 400 for a model of another kind.
    static func require(_ model: String, kind: Kind, route: String) throws {
        guard let actual = kinds[model] else { throw OpenAIError.modelNotFound(model) }
        guard actual == kind else {
            throw OpenAIError.invalidRequest(
                "The model `\(model)` is not supported by \(route).", param: "model", code: "model_not_supported")
        }
    }

    /// The model object of `model`.
    private static func json(of model: Model) -> EmulatorJSON {
        .object([
            ("id", .string(model.id)),
            ("object", .string("model")),
            ("created", .int(model.created)),
            ("owned_by", .string(model.ownedBy)),
        ])
    }
}
