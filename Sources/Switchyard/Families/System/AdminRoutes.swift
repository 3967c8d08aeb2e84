import Hummingbird

/// The operators' API under `/api/`, authenticated by an administrator's key; every route checks the role on the
/// server, and no route returns a secret once it is set (keys are shown once, at creation).
///
/// The routes are grouped by subject in this type's extensions: accounts (users, groups, keys), channels, money
/// (prices, top-ups, spend, reconciliation) and activity (logs, tasks).
struct AdminRoutes: Sendable {
    let database: Database
    let tokens: TokenStore
    let users: UserStore
    let groups: GroupStore
    let channels: ChannelStore
    let authenticator: CustomerAuthenticator
    let probe: ChannelProbe
    let prices: PriceBook
    let engine: TaskEngine
    let bodyLimit: Int

    func register(on router: Router<GatewayRequestContext>) {
        let api = router.group("api")
        registerAccounts(on: api)
        registerChannels(on: api)
        registerMoney(on: api)
        registerActivity(on: api)
        api.get("status") { _, _ in
            CustomerSystemRoutes.envelope(.object(["name": "Switchyard", "families": .array(FamilyModules.channelFamilies.map(JSONValue.string))]))
        }
    }

    /// Refuses anyone but an active administrator (403 for a customer's key). The key's owner, role included, is
    /// read with the key, and a key of a disabled user does not authenticate at all.
    func requireAdmin(_ request: Request, _ context: GatewayRequestContext) async throws {
        let token = try await authenticator.authenticate(request, context: context)
        guard token.owner?.role == "admin" else {
            throw GatewayError.forbidden("An administrator's key is required")
        }
    }

    /// The body of a write, as fields.
    func fields(_ request: Request) async throws -> JSONFieldReader {
        JSONFieldReader(try await RequestBody.jsonObject(request, limit: bodyLimit))
    }

    /// An amount in dollars from a field ("10.00"; "-2.50" only where `signed`).
    static func dollars(_ fields: JSONFieldReader, _ name: String, required: Bool = true, signed: Bool = false) throws -> Int64? {
        guard let text = try fields.string(name, required: required, maxLength: 30) else { return nil }
        guard let micros = signed ? Money.parseSignedDollars(text) : Money.parseDollars(text) else {
            throw GatewayError.validation(field: name, "must be an amount in dollars such as \"10.00\"")
        }
        return micros
    }

    /// A comma-separated list field ("a,b").
    static func list(_ fields: JSONFieldReader, _ name: String) throws -> [String]? {
        try fields.string(name, maxLength: 10_000).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }
}
