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
        let settings = SunoSettings()
        // A call on a clip is held to what the clip's model can do.
        let table = context.taskRoutes(for: SunoFamily()) { call, sources in
            try SunoRoutes.checkModelRules(&call, sourceModel: sources.filter { $0.kind == "clip" }.compactMap(\.model).first, settings: settings)
        }
        SunoRoutes(table: table, validator: SunoRequestValidator(settings: settings, callbackPolicy: context.callbackPolicy)).register(on: router)
    }
}

extension SunoModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.sunoOperations }
}
