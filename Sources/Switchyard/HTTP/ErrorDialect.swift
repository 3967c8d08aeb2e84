import Foundation
import Hummingbird

/// How one family writes an error body; the edge picks the dialect by the request's path.
public protocol ErrorDialect: Sendable {
    func body(for error: GatewayError) -> String
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
}
