import Hummingbird

/// Udio's music API under `/udio`, as the relay platforms document it: generate tasks of two songs each.
public struct UdioModule: FamilyModule {
    public init() {}

    public var name: String { UdioFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/udio/", dialect: UdioErrorDialect())] }
    public var probeRequest: UpstreamRequest? { UdioFamily.probeRequest }
    public var defaultPrices: [PriceRule] { UdioPrices.rules }
    public var demo: FamilyDemo? { FamilyDemo(emulatorPath: "", models: UdioSettings().models) }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { UdioFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        UdioRoutes(
            table: context.taskRoutes(for: UdioFamily()),
            validator: UdioRequestValidator(settings: UdioSettings(), callbackPolicy: context.callbackPolicy)
        ).register(on: router)
    }
}

extension UdioModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.udioOperations }
}
