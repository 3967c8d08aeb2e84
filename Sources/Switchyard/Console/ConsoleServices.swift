/// What the console's pages read and change: the very stores and services the admin API calls, so that every
/// rule (validation, idempotent top-ups, secrets never shown) is the same through either door.
struct ConsoleServices: Sendable {
    let database: Database
    let tokens: TokenStore
    let users: UserStore
    let groups: GroupStore
    let channels: ChannelStore
    let probe: ChannelProbe
    let prices: PriceBook
    let engine: TaskEngine
    let sessions: ConsoleSessionStore
    let views: ConsoleViews
    let clock: Clock
    /// The configured public URL is https: the cookie is then always `Secure`.
    let publicURLIsHTTPS: Bool
    let bodyLimit: Int
}
