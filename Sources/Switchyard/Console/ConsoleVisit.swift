import Hummingbird

/// One request of a signed-in browser, after the gate let it through: the session, the key's token and user as
/// they are now, and (for a post) the form, whose CSRF token was already checked.
struct ConsoleVisit: Sendable {
    let request: Request
    let context: GatewayRequestContext
    let session: ConsoleSessionStore.Session
    let token: Token
    /// The key's user, when the key has one.
    let user: UserStore.User?
    let form: ConsoleFormInput

    /// The query string's parameters (the first value of each).
    var query: [String: String] {
        var values: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where values[String(name)] == nil { values[String(name)] = String(value) }
        return values
    }

    /// A route parameter such as `:id`.
    func parameter(_ name: String) throws -> String { try context.parameters.require(name) }
}
