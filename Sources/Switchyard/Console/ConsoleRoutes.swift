import Hummingbird
import NIOCore

/// The web console at `/console`: server-rendered pages for operators and customers, served by the gateway
/// itself, with its stylesheet and script compiled in.
struct ConsoleRoutes: Sendable {
    let services: ConsoleServices

    /// How long a sign-in lasts.
    static let sessionLifetimeMillis: Int64 = 12 * 3_600_000

    /// The console over the services the families are built with, and the admin API's user and group stores.
    init(context: FamilyContext, users: UserStore, groups: GroupStore) {
        services = ConsoleServices(
            database: context.database, tokens: context.tokens, users: users, groups: groups, channels: context.channels, probe: context.probe,
            prices: context.prices, engine: context.engine,
            sessions: ConsoleSessionStore(database: context.database, clock: context.clock, lifetimeMillis: Self.sessionLifetimeMillis),
            views: .shared, clock: context.clock, publicURLIsHTTPS: context.config.publicURL?.lowercased().hasPrefix("https://") == true,
            bodyLimit: context.bodyLimit)
    }

    func register(on router: Router<GatewayRequestContext>) {
        let console = router.group("console")
        for (name, type, text) in [
            ("console.css", "text/css; charset=utf-8", ConsoleAssets.css), ("console.js", "text/javascript; charset=utf-8", ConsoleAssets.javascript),
        ] {
            console.get(RouterPath("assets/\(name)")) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=31536000, immutable"],
                    body: .init(byteBuffer: ByteBuffer(string: text)))
            }
        }
        services.registerSignIn(on: console)
        services.registerDashboard(on: console)
        services.registerChannels(on: console)
        services.registerUsers(on: console)
        services.registerKeys(on: console)
        services.registerPrices(on: console)
        services.registerActivity(on: console)
        services.registerReconciliation(on: console)
        services.registerCustomerPages(on: console)
    }
}
