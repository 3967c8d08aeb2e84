import Hummingbird

/// Recraft's image API under `/recraft/v1`: generations, the image tools and custom styles, each answered at once.
public struct RecraftModule: FamilyModule {
    public init() {}

    public var name: String { RecraftFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/recraft/", dialect: RecraftErrorDialect())] }
    public var probeRequest: UpstreamRequest? { RecraftFamily.probeRequest }
    public var defaultPrices: [PriceRule] { RecraftPrices.rules }
    public var demo: FamilyDemo? { FamilyDemo(emulatorPath: "/recraft/v1", models: RecraftSettings().models) }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { RecraftFamily() }

    public func openAIImageBridge(settings: FamilySettings) -> (any OpenAIImageBridge)? { RecraftOpenAIImageBridge() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        let settings = RecraftSettings()
        RecraftRoutes(
            table: context.taskRoutes(for: RecraftFamily(), afterResolving: RecraftRoutes.priceByStyle),
            generations: RecraftRequestValidator(settings: settings), forms: RecraftFormValidator(settings: settings)
        ).register(on: router)
    }
}

extension RecraftModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.recraftOperations }
}
