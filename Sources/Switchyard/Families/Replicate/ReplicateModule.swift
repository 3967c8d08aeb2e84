import Hummingbird

/// Replicate's prediction API under `/replicate/v1`, as the official `replicate` SDK calls it: any model, by
/// version, by official model path or by deployment.
public struct ReplicateModule: FamilyModule {
    public init() {}

    public var name: String { ReplicateFamily().name }
    public var paths: [FamilyPath] { [FamilyPath("/replicate/", dialect: ReplicateErrorDialect())] }
    public var probeRequest: UpstreamRequest? { ReplicateFamily.probeRequest }
    public var settingKeys: [String] { ReplicateSettings.keys }
    public var defaultPrices: [PriceRule] { ReplicatePrices.rules }
    /// The demo channel serves the owners the emulator knows, by pattern, and SDXL's version by its bare id. Not `*`:
    /// a channel serving every name would make any unknown model of another family "served", a 400 instead of a 404.
    public var demo: FamilyDemo? {
        FamilyDemo(
            emulatorPath: "",
            models: [
                "black-forest-labs/*", "stability-ai/*", "bytedance/*", "minimax/*", "deployments/acme/*",
                "7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc",
            ])
    }
    /// Replicate signs its webhooks with Standard Webhooks; the secret is `GET /replicate/v1/webhooks/default/secret`.
    public var signsStandardWebhooks: Bool { true }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { ReplicateFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        let configured = context.config.callbacks.signingSecret
        let database = context.database
        ReplicateRoutes(
            table: context.taskRoutes(for: ReplicateFamily(), notFound: "Prediction"),
            validator: ReplicateRequestValidator(
                callbackPolicy: context.callbackPolicy, maxPredictSeconds: ReplicateSettings(context.config.families).maxPredictSeconds),
            webhookSecret: { token in
                StandardWebhooks.secret(
                    forToken: token.id, gatewaySecret: try await GatewaySecrets.callbackSigningSecret(configured: configured, database: database))
            }
        ).register(on: router)
    }
}
