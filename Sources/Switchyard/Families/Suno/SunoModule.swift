import Hummingbird

/// Suno's music API under `/suno`, as the relay platforms document it: songs, lyrics and clip actions as tasks.
public struct SunoModule: FamilyModule {
    public init() {}

    public var name: String { SunoFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/suno/", dialect: SunoErrorDialect())] }
    public var probeRequest: UpstreamRequest? { SunoFamily.probeRequest }
    public var defaultPrices: [PriceRule] { SunoPrices.rules }
    public var demo: FamilyDemo? { FamilyDemo(emulatorPath: "", models: SunoSettings().modelNames) }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { SunoFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        SunoRoutes(
            engine: context.engine, authenticator: context.authenticator,
            validator: SunoRequestValidator(settings: SunoSettings(), callbackPolicy: context.callbackPolicy), bodyLimit: context.bodyLimit
        ).register(on: router)
    }
}

extension SunoModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.sunoOperations }
}
