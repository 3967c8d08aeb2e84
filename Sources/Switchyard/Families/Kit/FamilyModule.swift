import Hummingbird

/// Everything the gateway knows about one family, declared once in the family's own folder. The application,
/// metrics, error rendering, channel probe, upstream authorization, default prices, settings and `serve --demo`
/// read it from `FamilyModules.all`; nothing outside `Families/` names a family.
public protocol FamilyModule: Sendable {
    /// The family's name in channels, prices and tasks (`luma`, `suno`, …).
    var name: String { get }
    /// The label of the family's requests in the request metrics.
    var metricsLabel: String { get }
    /// The path prefixes the family serves, each with the dialect its errors are rendered in and whether its
    /// requests count under the family's metrics label. The longest matching prefix wins.
    var paths: [FamilyPath] { get }
    /// A request header that marks a call as this family's even on a path another family owns (Anthropic's SDK
    /// calls `/v1/models` with `anthropic-version`), and the dialect it is answered in.
    var dialectHeader: (name: String, dialect: any ErrorDialect)? { get }
    /// How the family's channels authenticate upstream.
    var authorizer: any UpstreamAuthorizer { get }
    /// The cheap question that tells whether one of the family's channels is up; nil when the family has none
    /// (then any answer below 500 counts as reachable when an operator tests the channel).
    var probeRequest: UpstreamRequest? { get }
    /// The configuration keys the family reads (`luma.default_video_model`), found in the file or as
    /// `SWITCHYARD_*` environment variables and handed back in `FamilySettings`.
    var settingKeys: [String] { get }
    /// The prices a fresh install charges the family's calls with.
    var defaultPrices: [PriceRule] { get }
    /// The providers of litellm's price list whose models this family serves (empty: none).
    var priceImportProviders: [String] { get }
    /// Whether the family's calls go to upstream channels (the system's own routes do not).
    var hasChannels: Bool { get }
    /// What `serve --demo` wires for the family; nil when it has no upstream.
    var demo: FamilyDemo? { get }
    /// Whether the family's callbacks also carry Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`,
    /// `webhook-signature`), keyed by the owner's secret (`StandardWebhooks`), as its provider signs them.
    var signsStandardWebhooks: Bool { get }

    /// The task codec the engine polls the family's tasks with; nil for a family without tasks.
    func taskFamily(settings: FamilySettings) -> (any TaskFamily)?
    /// How the family draws for OpenAI's images route; nil when it does not.
    func openAIImageBridge(settings: FamilySettings) -> (any OpenAIImageBridge)?
    /// Adds the family's customer-facing routes.
    func register(on router: Router<GatewayRequestContext>, context: FamilyContext)
}

extension FamilyModule {
    public var metricsLabel: String { name }
    public var dialectHeader: (name: String, dialect: any ErrorDialect)? { nil }
    public var authorizer: any UpstreamAuthorizer { BearerAuthorizer() }
    public var probeRequest: UpstreamRequest? { nil }
    public var settingKeys: [String] { [] }
    public var defaultPrices: [PriceRule] { [] }
    public var priceImportProviders: [String] { [] }
    public var hasChannels: Bool { true }
    public var demo: FamilyDemo? { nil }
    public var signsStandardWebhooks: Bool { false }
    public func taskFamily(settings: FamilySettings) -> (any TaskFamily)? { nil }
    public func openAIImageBridge(settings: FamilySettings) -> (any OpenAIImageBridge)? { nil }
}

/// One path prefix of a family: the error dialect of its answers, and whether it counts under the family's
/// metrics label (the dashboard paths answer in OpenAI's dialect but count as the system's).
public struct FamilyPath: Sendable {
    public let prefix: String
    public let dialect: (any ErrorDialect)?
    public let countsInMetrics: Bool

    public init(_ prefix: String, dialect: (any ErrorDialect)?, countsInMetrics: Bool = true) {
        self.prefix = prefix
        self.dialect = dialect
        self.countsInMetrics = countsInMetrics
    }
}

/// What `serve --demo` adds for a family: a channel on the bundled emulator at `emulatorPath` (appended to the
/// emulator's root URL), serving `models`, with the channel key `key` (a family that signs its upstream tokens
/// needs a key pair the emulator knows).
public struct FamilyDemo: Sendable {
    public let emulatorPath: String
    public let models: [String]
    public let key: String

    public init(emulatorPath: String, models: [String], key: String = "demo-upstream-key") {
        self.emulatorPath = emulatorPath
        self.models = models
        self.key = key
    }
}
