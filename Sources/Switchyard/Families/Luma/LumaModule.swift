import Hummingbird

/// Luma's Dream Machine API under `/dream-machine/v1`: video and image generations as tasks.
public struct LumaModule: FamilyModule {
    public init() {}

    public var name: String { LumaFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/dream-machine/", dialect: LumaErrorDialect())] }
    public var probeRequest: UpstreamRequest? { .json(.GET, "/ping", body: nil) }
    public var settingKeys: [String] { LumaSettings.keys }
    public var defaultPrices: [PriceRule] { LumaPrices.rules }
    public var demo: FamilyDemo? {
        FamilyDemo(emulatorPath: "/dream-machine/v1", models: LumaSettings().videoModels + LumaSettings().imageModels)
    }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { LumaFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        LumaRoutes(
            table: context.taskRoutes(for: LumaFamily(), notFound: "Generation"),
            validator: LumaRequestValidator(settings: LumaSettings(context.config.families), callbackPolicy: context.callbackPolicy)
        ).register(on: router)
    }
}

extension LumaModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.lumaOperations }
}
