import HTTPTypes

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

    /// The route table a task family declares its routes in.
    func taskRoutes(
        for family: any TaskFamily, notFound: String = "Task",
        afterResolving: @escaping @Sendable (inout TaskCall, [Artifact]) throws -> Void = { _, _ in }, keyHeaders: [HTTPField.Name] = []
    ) -> TaskRoutes {
        TaskRoutes(
            engine: engine, authenticator: authenticator, family: family, bodyLimit: bodyLimit, notFound: notFound,
            afterResolving: afterResolving, keyHeaders: keyHeaders)
    }
}
