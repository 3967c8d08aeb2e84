import Foundation

/// `POST /v1/embeddings`: deterministic unit vectors derived from a hash of each input text.
///
/// `input` is a string, a list of strings, a list of token ids or a list of such lists; vectors have
/// `dimensions` entries (default 256, at most the model's native size). `encoding_format: "base64"` (what the
/// `openai` SDK asks for by default) sends each vector as base64 of little-endian float32s. The answer is written
/// straight to text: vectors are the bulk of it and need no intermediate JSON tree.
struct OpenAIEmbeddings: Sendable {
    /// The model, echoed in the answer.
    let model: String
    /// Each input's text ("" plus its ids for token input) and tokens.
    let inputs: [(text: String, tokens: Int)]
    /// Entries per vector.
    let dimensions: Int
    /// True for `encoding_format: "base64"`.
    let base64: Bool

    /// Vector length when the request does not give `dimensions`.
    static let defaultDimensions = 256
    /// Native (maximum) vector length of each model.
    private static let nativeDimensions = ["text-embedding-3-small": 1536, "text-embedding-3-large": 3072]

    /// Validates `body` (400 `invalid_request_error`, 404 for an unknown model).
    init(_ body: OpenAIParameters) throws {
        guard let model = try body.string("model", required: true) else { throw OpenAIError.missing("model") }
        try OpenAICatalog.require(model, kind: .embedding, route: "v1/embeddings")
        self.model = model
        guard let input = body.value("input") else { throw OpenAIError.missing("input") }
        inputs = try Self.inputs(input)
        let maximum = Self.nativeDimensions[model] ?? Self.defaultDimensions
        dimensions = try body.int("dimensions", in: 1...maximum) ?? Self.defaultDimensions
        switch try body.string("encoding_format") ?? "float" {
        case "float": base64 = false
        case "base64": base64 = true
        case let other:
            throw OpenAIError.invalidValue(
                "encoding_format", "'\(other)'. Supported values are: 'float' and 'base64'.")
        }
    }

    /// The text of the last input, where a `[fault:<x>]` keyword is looked for.
    var lastInputText: String {
        inputs.last?.text ?? ""
    }

    /// The JSON text of the answer.
    var rendered: String {
        var output = #"{"object":"list","data":["#
        for (index, input) in inputs.enumerated() {
            if index > 0 { output += "," }
            output += #"{"object":"embedding","index":\#(index),"embedding":"#
            let vector = Self.vector(for: input.text, dimensions: dimensions)
            if base64 {
                output += "\"" + Self.base64(vector) + "\""
            } else {
                output += "["
                for (position, value) in vector.enumerated() {
                    if position > 0 { output += "," }
                    output += value.description
                }
                output += "]"
            }
            output += "}"
        }
        let tokens = inputs.reduce(0) { $0 + $1.tokens }
        output += #"],"model":\#(EmulatorJSON.string(model).serialized),"#
        output += #""usage":{"prompt_tokens":\#(tokens),"total_tokens":\#(tokens)}}"#
        return output
    }

    /// A unit vector of `dimensions` entries determined by `text`.
    static func vector(for text: String, dimensions: Int) -> [Float] {
        var state = EmulatorIdentifier.hash(text)
        var vector = [Float](repeating: 0, count: dimensions)
        var sumOfSquares: Float = 0
        for index in 0..<dimensions {
            // The top 24 bits give an evenly spread value in [-1, 1).
            let value = Float(EmulatorIdentifier.splitMix(&state) >> 40) / Float(1 << 23) - 1
            vector[index] = value
            sumOfSquares += value * value
        }
        let scale = sumOfSquares > 0 ? 1 / sumOfSquares.squareRoot() : 0
        for index in 0..<dimensions { vector[index] *= scale }
        return vector
    }

    /// Base64 of `vector` as consecutive little-endian float32s.
    private static func base64(_ vector: [Float]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// The inputs of an `input` value.
    private static func inputs(_ value: EmulatorJSON) throws -> [(text: String, tokens: Int)] {
        let invalid = OpenAIError.invalidRequest(
            "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
            param: "input")
        switch value {
        case .string(let text):
            guard !text.isEmpty else { throw invalid }
            return [(text, EmulatorTokens.count(text))]
        case .array(let elements) where !elements.isEmpty && elements.count <= 2048:
            if elements.allSatisfy(\.isInteger) {
                return [(elements.map(\.serialized).joined(separator: " "), elements.count)]
            }
            return try elements.flatMap { element -> [(text: String, tokens: Int)] in
                switch element {
                case .string, .array: return try inputs(element)
                default: throw invalid
                }
            }
        default:
            throw invalid
        }
    }
}
