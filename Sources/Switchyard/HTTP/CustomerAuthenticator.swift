import Hummingbird
import HTTPTypes

/// Finds the customer's token from the request's credentials (Bearer by default; families name extra headers
/// such as Anthropic's `x-api-key`).
public struct CustomerAuthenticator: Sendable {
    let tokens: TokenStore

    public init(tokens: TokenStore) { self.tokens = tokens }

    public func authenticate(_ request: Request, extraHeaders: [HTTPField.Name] = []) async throws -> Token {
        var key: Substring?
        if let authorization = request.headers[.authorization] {
            let trimmed = authorization.drop { $0 == " " }
            if trimmed.lowercased().hasPrefix("bearer ") {
                key = trimmed.dropFirst(7).drop { $0 == " " }
            }
        }
        for header in extraHeaders where key == nil {
            key = request.headers[header].map { Substring($0) }
        }
        guard let key, !key.isEmpty, let token = try await tokens.authenticate(key: key) else { throw GatewayError.unauthenticated }
        return token
    }
}
