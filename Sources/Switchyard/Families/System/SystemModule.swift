import Hummingbird

/// The gateway's own routes: the customer dashboard (`/dashboard`, `/v1/dashboard`, `/api/user`…) and the
/// operator's admin API under `/api`. No channels, no upstream.
public struct SystemModule: FamilyModule {
    public init() {}

    public var name: String { "system" }
    public var paths: [FamilyPath] {
        [
            FamilyPath("/api/", dialect: SystemErrorDialect()),
            // The dashboard answers in OpenAI's dialect, as the billing endpoints it imitates do.
            FamilyPath("/dashboard/", dialect: OpenAIErrorDialect()),
            FamilyPath("/v1/dashboard", dialect: nil),
        ]
    }
    public var hasChannels: Bool { false }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        let users = UserStore(database: context.database, clock: context.clock)
        let groups = GroupStore(database: context.database, clock: context.clock)
        CustomerSystemRoutes(database: context.database, authenticator: context.authenticator, users: users).register(on: router)
        ConsoleRoutes(context: context, users: users, groups: groups).register(on: router)
        AdminRoutes(
            database: context.database, tokens: context.tokens, users: users, groups: groups,
            channels: context.channels, authenticator: context.authenticator, probe: context.probe, prices: context.prices,
            engine: context.engine, bodyLimit: context.bodyLimit
        ).register(on: router)
    }
}

extension SystemModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.customerOperations + OpenAPIDocument.adminOperations }
}
