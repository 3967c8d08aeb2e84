/// What the relay reads from a request body: only the fields routing and pricing need.
struct RelayFacts: Sendable {
    var model: String
    var stream: Bool
    var maxTokens: Int?
    var includeUsage: Bool
    /// Where the model's value sits in the body, to swap in a channel's mapped name without re-encoding.
    var modelRange: Range<Int>?

    static let wanted: Set<String> = ["model", "stream", "max_tokens", "max_completion_tokens", "max_output_tokens", "stream_options"]

    /// Reads a JSON body's facts; a body that is not a JSON object or names no model is the client's error.
    static func json(_ bytes: [UInt8]) throws -> RelayFacts {
        guard let fields = JSONFieldSniffer.fields(in: bytes, wanted: wanted) else {
            throw GatewayError.invalidRequest("Request body must be a JSON object")
        }
        guard let model = JSONFieldSniffer.string(fields["model"], in: bytes), !model.isEmpty else {
            throw GatewayError.validation(field: "model", "is required")
        }
        let maxTokens = ["max_tokens", "max_completion_tokens", "max_output_tokens"].lazy.compactMap { JSONFieldSniffer.int(fields[$0], in: bytes) }
            .first
        if let maxTokens, maxTokens < 1 { throw GatewayError.validation(field: "max_tokens", "must be at least 1") }
        var includeUsage = false
        if let options = fields["stream_options"], let value = JSONValue.parse(bytes[options.range]) {
            includeUsage = value["include_usage"] == .bool(true)
        }
        return RelayFacts(
            model: model, stream: JSONFieldSniffer.bool(fields["stream"], in: bytes) ?? false, maxTokens: maxTokens, includeUsage: includeUsage,
            modelRange: fields["model"]?.range)
    }

    /// Reads the `model` form field of a multipart body (audio transcriptions).
    static func multipart(_ bytes: [UInt8]) throws -> RelayFacts {
        let text = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
        guard let marker = text.range(of: "name=\"model\"") else { throw GatewayError.validation(field: "model", "is required") }
        let after = text[marker.upperBound...]
        guard let start = after.range(of: "\r\n\r\n"), let end = after[start.upperBound...].range(of: "\r\n") else {
            throw GatewayError.validation(field: "model", "is required")
        }
        let model = String(after[start.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespaces)
        guard !model.isEmpty else { throw GatewayError.validation(field: "model", "is required") }
        return RelayFacts(model: model, stream: false, maxTokens: nil, includeUsage: false, modelRange: nil)
    }
}

import Foundation
