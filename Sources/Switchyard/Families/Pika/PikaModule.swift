import Hummingbird

/// Pika video under `/pika`, in the relay shape: generate (text, image, pikaffects) and the feed.
public struct PikaModule: FamilyModule {
    public init() {}

    public var name: String { PikaFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/pika/", dialect: DefaultErrorDialect())] }
    public var defaultPrices: [PriceRule] { PikaPrices.rules }
    public var demo: FamilyDemo? { FamilyDemo(emulatorPath: "/pika", models: PikaCatalog.models) }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { PikaFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        PikaRoutes(
            table: context.taskRoutes(for: PikaFamily(), notFound: "Video"), validator: PikaRequestValidator(callbackPolicy: context.callbackPolicy)
        )
        .register(on: router)
    }
}

extension PikaModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.pikaOperations }
}
