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
    private let headerDialects: [(name: HTTPField.Name, dialect: any ErrorDialect)]
    private let fallback: any ErrorDialect

    /// - Parameter headerDialects: headers that mark a call's dialect whatever its path (Anthropic's SDK shares
    ///   OpenAI's `/v1/models` and sends `anthropic-version`); they apply under `/v1/`.
    public init(
        _ entries: [(prefix: String, dialect: any ErrorDialect)], headerDialects: [(name: String, dialect: any ErrorDialect)] = [],
        fallback: any ErrorDialect = DefaultErrorDialect()
    ) {
        self.entries = entries.sorted { $0.prefix.count > $1.prefix.count }
        self.headerDialects = headerDialects.compactMap { header in HTTPField.Name(header.name).map { ($0, header.dialect) } }
        self.fallback = fallback
    }

    public func dialect(forPath path: String) -> any ErrorDialect {
        entries.first { path.hasPrefix($0.prefix) }?.dialect ?? fallback
    }

    public func dialect(forPath path: String, headers: HTTPFields) -> any ErrorDialect {
        if path.hasPrefix("/v1/"), let marked = headerDialects.first(where: { headers[$0.name] != nil }) { return marked.dialect }
        return dialect(forPath: path)
    }
}
