/// The services a family's routes are built with.
public struct FamilyContext: Sendable {
    let config: GatewayConfig
    let database: Database
    let engine: TaskEngine
    let relay: SyncRelay
    let channels: ChannelStore
    let tokens: TokenStore
    let authenticator: CustomerAuthenticator
    let callbackPolicy: CallbackTargetPolicy
    let prices: PriceBook
    let probe: ChannelProbe
    let clock: Clock

    /// The largest request body a route reads.
    var bodyLimit: Int { config.maxRequestBodyBytes }
}
