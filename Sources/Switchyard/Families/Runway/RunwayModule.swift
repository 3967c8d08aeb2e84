import Hummingbird

/// Runway's API under `/runwayml/v1`: video, image and performance generations as tasks, with the
/// `X-Runway-Version` header Runway requires.
public struct RunwayModule: FamilyModule {
    public init() {}

    public var name: String { RunwayFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/runwayml/", dialect: RunwayErrorDialect())] }
    public var probeRequest: UpstreamRequest? { RunwayFamily.probeRequest }
    public var defaultPrices: [PriceRule] { RunwayPrices.rules }
    public var demo: FamilyDemo? { FamilyDemo(emulatorPath: "/runwayml", models: RunwayCatalog.models) }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { RunwayFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        RunwayRoutes(table: context.taskRoutes(for: RunwayFamily()), validator: RunwayRequestValidator()).register(on: router)
    }
}

extension RunwayModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.runwayOperations }
}
