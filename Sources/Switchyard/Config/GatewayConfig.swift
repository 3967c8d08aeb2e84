import Logging

/// Everything the gateway is configured with. Built in memory by tests, or loaded by `GatewayConfig.load` from a
/// JSON file and `SWITCHYARD_*` environment variables; nothing deeper in the code reads the environment.
public struct GatewayConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Where the SQLite database lives (and, whatever the store, this instance's lock and local media files).
    public var dataDirectory = "./data"
    /// A `postgres://` URL: the store is that PostgreSQL database instead of SQLite, shareable by several instances.
    public var databaseURL: String?
    /// The gateway's address as customers reach it (`https://gw.example.com`), which media URLs start with;
    /// `http://<host>:<port>` when unset.
    public var publicURL: String?
    /// Largest request body accepted, in bytes.
    public var maxRequestBodyBytes = 10 << 20
    public var logLevel: Logger.Level = .info
    public var upstream = UpstreamSettings()
    public var relay = RelaySettings()
    public var tasks = TaskSettings()
    public var callbacks = CallbackSettings()
    public var media = MediaSettings()
    /// The families' own keys (`luma.default_video_model`), read by their modules.
    public var families = FamilySettings()
    public var prices = DefaultPrices.table

    public init() {}
}
