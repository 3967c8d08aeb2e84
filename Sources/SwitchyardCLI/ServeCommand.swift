import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Switchyard
import SwitchyardEmulator

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the gateway.")

    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on.") var port: Int?
    @Option(help: "Data directory (SQLite database; with --database, this instance's lock and local media).") var data: String?
    @Option(help: "PostgreSQL database URL (postgres://user:password@host:5432/name) shared by several instances.") var database: String?
    @Option(help: "JSON configuration file.") var config: String?
    @Flag(help: "Add emulated channels for every family and print a demo key, an operator key and the console's address.") var demo = false

    func run() async throws {
        var settings = try await GatewayConfig.load(file: config, environment: ProcessInfo.processInfo.environment)
        if let host { settings.host = host }
        if let port { settings.port = port }
        if let data { settings.dataDirectory = data }
        if let database { settings.databaseURL = database }
        var logger = Logger(label: "switchyard")
        logger.logLevel = settings.logLevel

        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        var extraServices: [any Service] = []
        // Fails fast, before `--demo` writes to a store that another gateway serves; the gateway takes the lock
        // for good when it is built.
        try DataDirectoryLock.acquire(directory: settings.dataDirectory).release()
        if demo {
            // The demo's upstream is the emulator on loopback: its result files are copied from there.
            settings.media.allowPrivateSources = true
            let emulator = try await EmulatorServer.start(EmulatorConfiguration(), logger: logger)
            try await DemoSetup.prepare(
                dataDirectory: settings.dataDirectory, storeLocation: settings.databaseURL ?? settings.dataDirectory, emulator: emulator,
                logger: logger)
            extraServices.append(EmulatorStopper(emulator: emulator))
        }
        let startupLogger = logger
        let consoleHost = ["0.0.0.0", "::", ""].contains(settings.host) ? "127.0.0.1" : settings.host
        let publicURL = settings.publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let app = try await GatewayApplication.build(config: settings, metrics: GatewayMetrics(registry: registry), logger: logger) { [demo] port in
            startupLogger.info("switchyard listening", metadata: ["port": "\(port)"])
            // The demo says where to sign in, beside the keys it printed.
            if demo { DemoSetup.announce((publicURL ?? "http://\(consoleHost):\(port)") + "/console", as: "Console") }
        }
        let group = ServiceGroup(
            configuration: .init(services: extraServices + [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Stops the in-process emulator of `--demo` when the gateway shuts down.
struct EmulatorStopper: Service {
    let emulator: EmulatorServer

    func run() async throws {
        try? await gracefulShutdown()
        await emulator.stop()
    }
}
