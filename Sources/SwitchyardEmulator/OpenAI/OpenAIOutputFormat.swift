/// The answer format an OpenAI request asks for: plain text, a JSON object, or JSON following a schema.
enum OpenAIOutputFormat: Sendable {
    /// The deterministic reply text.
    case text
    /// `{"reply":"<reply text>"}`.
    case jsonObject
    /// The schema's example value (see `EmulatorSchemaExample`).
    case jsonSchema(EmulatorJSON?)

    /// Reads a format object: chat's `response_format` (`{"type":"json_schema","json_schema":{"schema":…}}`) or
    /// the responses API's `text.format` (`{"type":"json_schema","schema":…}`).
    init(_ format: OpenAIParameters?) throws {
        guard let format else {
            self = .text
            return
        }
        switch try format.string("type", required: true) {
        case "text": self = .text
        case "json_object": self = .jsonObject
        case "json_schema":
            let schema = format.value("json_schema")?["schema"] ?? format.value("schema")
            self = .jsonSchema(schema)
        case let other:
            throw OpenAIError.invalidValue(
                format.name("type"), "'\(other ?? "")'. Supported values are: 'text', 'json_object', and 'json_schema'."
            )
        }
    }

    /// The full answer content for `conversation` in this format.
    func content(for conversation: EmulatorConversation) -> String {
        switch self {
        case .text: return conversation.replyText
        case .jsonObject: return EmulatorJSON.object([("reply", .string(conversation.replyText))]).serialized
        case .jsonSchema(let schema): return EmulatorSchemaExample.value(for: schema).serialized
        }
    }
}
