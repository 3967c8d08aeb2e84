/// The families this gateway serves: the one list the application, metrics, error rendering, channel probe,
/// authorization, default prices, price import, settings and `serve --demo` read. A new family is one line here.
public enum FamilyModules {
    public static let all: [any FamilyModule] = [
        OpenAIModule(), AnthropicModule(), LumaModule(), SunoModule(), UdioModule(), FluxModule(), RecraftModule(), IdeogramModule(),
        MidjourneyModule(), KlingModule(), ReplicateModule(), RunwayModule(), MiniMaxModule(), PikaModule(), SystemModule(),
    ]

    /// The module of a channel's or price's family, if the gateway serves it.
    public static func module(named name: String) -> (any FamilyModule)? {
        all.first { $0.name == name }
    }

    /// How a channel of `family` authenticates upstream (a bearer key for a family the gateway does not know).
    public static func authorizer(for family: String) -> any UpstreamAuthorizer {
        module(named: family)?.authorizer ?? BearerAuthorizer()
    }

    /// The label a request to `path` counts under in the request metrics (`other` outside every family).
    public static func metricsLabel(forPath path: String) -> String {
        metricsOwners.first { path.hasPrefix($0.prefix) }?.label ?? "other"
    }

    /// Every counted path prefix with its family's label, longest prefix first (the first match is the owner).
    private static let metricsOwners: [(prefix: String, label: String)] =
        all.flatMap { module in module.paths.filter(\.countsInMetrics).map { (prefix: $0.prefix, label: module.metricsLabel) } }
        .sorted { $0.prefix.count > $1.prefix.count }

    /// The error dialect of every family's paths, and the header-marked ones.
    public static var dialects: ErrorDialectRegistry {
        ErrorDialectRegistry(
            all.flatMap { module in module.paths.compactMap { path in path.dialect.map { (prefix: path.prefix, dialect: $0) } } },
            headerDialects: all.compactMap(\.dialectHeader))
    }

    /// Every family's task codec, by name.
    public static func taskFamilies(settings: FamilySettings) -> TaskFamilyRegistry {
        TaskFamilyRegistry(all.compactMap { $0.taskFamily(settings: settings) })
    }

    /// The prices a fresh install charges with.
    public static var defaultPrices: [PriceRule] {
        all.flatMap(\.defaultPrices)
    }

    /// litellm provider → family, for the families whose models litellm's price list carries.
    public static var priceImportProviders: [String: String] {
        Dictionary(all.flatMap { module in module.priceImportProviders.map { ($0, module.name) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The families litellm's price list can price.
    public static var priceImportFamilies: [String] {
        all.filter { !$0.priceImportProviders.isEmpty }.map(\.name)
    }

    /// The configuration keys every family reads.
    public static var settingKeys: [String] {
        all.flatMap(\.settingKeys)
    }

    /// The names of the families whose calls go to channels (what the status lists).
    public static var channelFamilies: [String] {
        all.filter(\.hasChannels).map(\.name)
    }
}
