import Hummingbird

/// Ideogram's image API under `/ideogram` (upstream `https://api.ideogram.ai`, key in `Api-Key`): generate, remix,
/// edit, upscale, describe and the 3.0 routes, synchronous, priced per image.
public struct IdeogramModule: FamilyModule {
    public init() {}

    public var name: String { IdeogramFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/ideogram/", dialect: IdeogramErrorDialect())] }
    public var authorizer: any UpstreamAuthorizer { IdeogramAuthorizer() }
    public var defaultPrices: [PriceRule] { IdeogramPrices.rules }
    public var demo: FamilyDemo? {
        FamilyDemo(emulatorPath: "/ideogram", models: IdeogramSettings().channelModels + IdeogramSettings().openAIAliases)
    }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { IdeogramFamily() }

    public func openAIImageBridge(settings: FamilySettings) -> (any OpenAIImageBridge)? { IdeogramOpenAIImageBridge() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        // Ideogram's own clients send their key in `Api-Key`; a Switchyard key is taken there as well as as a bearer.
        IdeogramRoutes(
            table: context.taskRoutes(for: IdeogramFamily(), keyHeaders: [IdeogramAuthorizer.header]),
            validator: IdeogramRequestValidator(settings: IdeogramSettings())
        ).register(on: router)
    }
}

extension IdeogramModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.ideogramOperations }
}
