import HTTPTypes
import Hummingbird

/// Midjourney images through the midjourney-proxy protocol under `/mj` and the speed prefixes `/mj-fast`,
/// `/mj-relax`, `/mj-turbo`: tasks priced per tier and action.
public struct MidjourneyModule: FamilyModule {
    public init() {}

    public var name: String { MidjourneyFamily().name }
    public var paths: [FamilyPath] {
        (["/mj/"] + MidjourneySettings().tiers.map { "/\($0)/" }).map { FamilyPath($0, dialect: MidjourneyErrorDialect()) }
    }
    public var authorizer: any UpstreamAuthorizer { MidjourneyAuthorizer() }
    public var probeRequest: UpstreamRequest? { MidjourneyFamily.probeRequest }
    public var settingKeys: [String] { MidjourneySettings.keys }
    public var defaultPrices: [PriceRule] { MidjourneyPrices.rules }
    public var demo: FamilyDemo? { FamilyDemo(emulatorPath: "", models: MidjourneySettings().tiers) }

    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { MidjourneyFamily() }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        MidjourneyRoutes(
            table: context.taskRoutes(for: MidjourneyFamily(), keyHeaders: [HTTPField.Name(MidjourneyAuthorizer.header)!]),
            validator: MidjourneyRequestValidator(settings: MidjourneySettings(context.config.families), callbackPolicy: context.callbackPolicy),
            channels: context.channels
        ).register(on: router)
    }
}
