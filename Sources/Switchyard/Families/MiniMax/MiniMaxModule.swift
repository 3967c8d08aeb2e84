import Hummingbird

/// MiniMax's Hailuo video API under `/minimax/v1`: video_generation, its query, and files/retrieve.
public struct MiniMaxModule: FamilyModule {
    public init() {}

    public var name: String { MiniMaxFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/minimax/", dialect: MiniMaxErrorDialect())] }
    public var probeRequest: UpstreamRequest? { MiniMaxFamily.probeRequest }
    public var defaultPrices: [PriceRule] { MiniMaxPrices.rules }
    public var demo: FamilyDemo? { FamilyDemo(emulatorPath: "/minimax", models: MiniMaxModel.names) }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { MiniMaxFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        MiniMaxRoutes(
            table: context.taskRoutes(for: MiniMaxFamily()), validator: MiniMaxRequestValidator(callbackPolicy: context.callbackPolicy)
        ).register(on: router)
    }
}

extension MiniMaxModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.miniMaxOperations }
}
