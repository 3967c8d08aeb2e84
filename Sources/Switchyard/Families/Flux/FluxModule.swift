import Hummingbird

/// Black Forest Labs' Flux image API under `/flux/v1`: every model of the catalog as a task, polled with get_result.
public struct FluxModule: FamilyModule {
    public init() {}

    public var name: String { FluxFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/flux/", dialect: FluxErrorDialect())] }
    public var authorizer: any UpstreamAuthorizer { FluxAuthorizer() }
    public var probeRequest: UpstreamRequest? { FluxFamily.probeRequest }
    public var defaultPrices: [PriceRule] { FluxPrices.rules }
    public var demo: FamilyDemo? { FamilyDemo(emulatorPath: "/bfl", models: FluxModel.names) }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { FluxFamily() }

    public func openAIImageBridge(settings: FamilySettings) -> (any OpenAIImageBridge)? { FluxOpenAIImageBridge() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        FluxRoutes(
            table: context.taskRoutes(for: FluxFamily()), validator: FluxRequestValidator(callbackPolicy: context.callbackPolicy),
            publicURL: context.config.publicURL
        )
        .register(on: router)
    }
}

extension FluxModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.fluxOperations }
}
