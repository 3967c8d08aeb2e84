import Foundation
import HTTPTypes
import Hummingbird

/// How one family writes an error body; the edge picks the dialect by the request's path.
public protocol ErrorDialect: Sendable {
    func body(for error: GatewayError) -> String
    /// The status the family's clients expect for this error (OpenAI answers a spent quota with 429).
    func status(for error: GatewayError) -> HTTPResponse.Status
}

extension ErrorDialect {
    public func status(for error: GatewayError) -> HTTPResponse.Status { error.status }
}

/// The body every family falls back to, and the System family's own: `{"error":{"message","type","code"}}`.
public struct DefaultErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object([
            "error": .object(["message": .string(error.message), "type": .string(error.code.rawValue), "code": .string(error.code.rawValue)])
        ]).encoded()
    }
}

/// Maps path prefixes to error dialects; the longest matching prefix wins.
public struct ErrorDialectRegistry: Sendable {
    private let entries: [(prefix: String, dialect: any ErrorDialect)]
    private let fallback: any ErrorDialect

    public init(_ entries: [(prefix: String, dialect: any ErrorDialect)], fallback: any ErrorDialect = DefaultErrorDialect()) {
        self.entries = entries.sorted { $0.prefix.count > $1.prefix.count }
        self.fallback = fallback
    }

    public func dialect(forPath path: String) -> any ErrorDialect {
        entries.first { path.hasPrefix($0.prefix) }?.dialect ?? fallback
    }

    /// Anthropic's SDK shares `/v1/models` with OpenAI's; its `anthropic-version` header tells them apart.
    public func dialect(forPath path: String, headers: HTTPFields) -> any ErrorDialect {
        if path.hasPrefix("/v1/"), headers[HTTPField.Name("anthropic-version")!] != nil { return AnthropicErrorDialect() }
        return dialect(forPath: path)
    }
}
