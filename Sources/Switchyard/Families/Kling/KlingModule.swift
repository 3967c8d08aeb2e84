import Hummingbird

/// Kling's video and image API under `/kling/v1`, as Kling documents it; upstream calls carry a JWT signed from the
/// channel's access key and secret key.
public struct KlingModule: FamilyModule {
    public init() {}

    public var name: String { "kling" }
    public var paths: [FamilyPath] { [FamilyPath("/kling/", dialect: KlingErrorDialect())] }
    public var authorizer: any UpstreamAuthorizer { KlingAuthorizer() }
    public var probeRequest: UpstreamRequest? { KlingFamily.probeRequest }
    public var defaultPrices: [PriceRule] { KlingPrices.rules }
    /// The bundled emulator serves Kling under `/kling` and accepts its own demo key pair.
    public var demo: FamilyDemo? {
        FamilyDemo(emulatorPath: "/kling", models: KlingSettings().allModels, key: "emulator-access-key:emulator-secret-key")
    }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { KlingFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        let table = context.taskRoutes(for: KlingFamily()) { call, sources in
            // An extension continues the source video's model, and is routed and priced as that model's.
            if call.action == KlingTaskKind.videoExtend.action, let model = sources.first?.model { call.model = model }
        }
        KlingRoutes(table: table, validator: KlingRequestValidator(settings: KlingSettings(), callbackPolicy: context.callbackPolicy))
            .register(on: router)
    }
}

extension KlingModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.klingOperations }
}
