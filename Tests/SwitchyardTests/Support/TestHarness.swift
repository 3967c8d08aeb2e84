import AsyncHTTPClient
import Foundation
import Logging
import SQLKit
import NIOCore
import NIOHTTP1
@testable import Switchyard
import SwitchyardEmulator
import Testing

/// A gateway and its emulated upstreams on free ports, with a fresh data directory, for one test.
final class TestHarness: Sendable {
    let directory: String
    let config: GatewayConfig
    let emulators: [EmulatorServer]
    let gateway: Mutex<GatewayServer?>
    let database: Database
    let client: HTTPClient
    /// The gateway's clock (the wall clock unless the test gives its own).
    let clock: Clock
    static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    private init(
        directory: String, config: GatewayConfig, emulators: [EmulatorServer], gateway: GatewayServer, database: Database, clock: Clock
    ) {
        self.clock = clock
        self.directory = directory
        self.config = config
        self.emulators = emulators
        self.gateway = Mutex(gateway)
        self.database = database
        self.client = HTTPClient(eventLoopGroupProvider: .singleton)
    }

    static let openAIModels = [
        "gpt-4o", "gpt-4o-mini", "gpt-4.1-mini", "text-embedding-3-small", "dall-e-2", "dall-e-3", "gpt-image-1", "tts-1", "whisper-1",
    ]
    static let anthropicModels = ["claude-3-5-haiku-latest", "claude-sonnet-4-20250514"]

    /// Fast timings so that generations finish in well under a second.
    static func testConfig(directory: String) -> GatewayConfig {
        var config = GatewayConfig()
        config.port = 0
        config.dataDirectory = directory
        config.tasks.initialPollDelayMillis = 40
        config.tasks.maxPollDelayMillis = 150
        config.tasks.pollerTickMillis = 20
        config.upstream.requestTimeoutMillis = 1_000
        config.tasks.leaseMillis = 2_000
        config.callbacks.allowPrivateTargets = true
        config.media.allowPrivateSources = true
        config.callbacks.tickMillis = 20
        config.callbacks.initialBackoffMillis = 50
        return config
    }

    /// Starts one emulator per entry of `emulators`; each becomes a channel of every family (`HarnessChannels`), the first
    /// emulator's with the highest priority.
    private static func start(
        emulators emulatorConfigs: [EmulatorConfiguration] = [EmulatorConfiguration(stepSeconds: 0.05)],
        configure: (inout GatewayConfig) -> Void = { _ in }, clock: Clock = .wall, engine: StoreDialect = TestStore.defaultEngine
    ) async throws -> TestHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-test-\(UUID().uuidString)").path
        var config = testConfig(directory: directory)
        if engine == .postgres { config.databaseURL = try await TestStore.location(.postgres) }
        configure(&config)
        var emulators: [EmulatorServer] = []
        var database: Database?
        do {
            for emulatorConfig in emulatorConfigs {
                emulators.append(try await EmulatorServer.start(emulatorConfig, logger: logger))
            }
            let opened = try await Database.open(location: config.databaseURL ?? directory, logger: logger)
            database = opened
            let channels = ChannelStore(database: opened)
            for channel in HarnessChannels.all(for: emulators) { try await channels.add(channel) }
            let gateway = try await GatewayServer.start(config: config, clock: clock, logger: logger)
            return TestHarness(directory: directory, config: config, emulators: emulators, gateway: gateway, database: opened, clock: clock)
        } catch {
            // A harness that could not start leaves nothing running behind it.
            for emulator in emulators { await emulator.stop() }
            await database?.close()
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Runs `body` with a started harness and always shuts it down, also when the body throws.
    ///
    /// - Parameter engine: the store's engine; on PostgreSQL a fresh database of the test process's server.
    static func run(
        emulators: [EmulatorConfiguration] = [EmulatorConfiguration(stepSeconds: 0.05)],
        configure: (inout GatewayConfig) -> Void = { _ in },
        clock: Clock = .wall,
        engine: StoreDialect = TestStore.defaultEngine,
        _ body: (TestHarness) async throws -> Void
    ) async throws {
        let harness = try await start(emulators: emulators, configure: configure, clock: clock, engine: engine)
        do {
            try await body(harness)
        } catch {
            await harness.shutdown()
            throw error
        }
        await harness.shutdown()
    }

    /// The CLI's options naming this harness's store (`--data DIR`, or `--database URL` on PostgreSQL).
    var storeArguments: [String] { config.databaseURL.map { ["--database", $0] } ?? ["--data", directory] }

    var baseURL: String { gateway.withLock { $0!.baseURL } }
    var lumaURL: String { baseURL + "/dream-machine/v1" }

    /// Stops the gateway and starts a new one on the same data directory, as a process restart would.
    func restartGateway(configure: (inout GatewayConfig) -> Void = { _ in }) async throws {
        let old = gateway.withLock { $0 }
        await old?.stop()
        var config = self.config
        configure(&config)
        let new = try await GatewayServer.start(config: config, clock: clock, logger: Self.logger)
        gateway.withLock { $0 = new }
    }

    func stopGateway() async {
        let old = gateway.withLock { $0 }
        await old?.stop()
    }

    func shutdown() async {
        await stopGateway()
        for emulator in emulators { await emulator.stop() }
        try? await client.shutdown()
        await database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A new customer key with `quota` dollars (unlimited when nil).
    func customerKey(quota: String? = "10.00") async throws -> String {
        try await TokenStore(database: database).create(name: "customer", quotaMicros: quota.flatMap(Money.parseDollars)).key
    }

    func token(forKey key: String) async throws -> Token {
        try await TokenStore(database: database).authenticate(key: key)!
    }

    struct Answer: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: String
        var json: JSONValue? { JSONValue.parse(body.utf8) }
    }

    /// One HTTP call to the gateway (or any URL).
    func call(
        _ method: HTTPMethod, _ url: String, key: String?, body: String? = nil, headers: [(String, String)] = [], rawBody: String? = nil
    ) async throws -> Answer {
        let request = HTTPClientRequest.test(
            method, url.hasPrefix("http") ? url : lumaURL + url, key: key, body: body, headers: headers, rawBody: rawBody)
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }

    /// Streams a call's answer and returns its raw text; `stopAfter` bytes closes the connection early, as a client
    /// that goes away would.
    func stream(_ url: String, headers: [(String, String)], body: String, stopAfter: Int? = nil) async throws -> (status: Int, text: String) {
        var request = HTTPClientRequest(url: baseURL + url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        // A client of its own, so that leaving early really closes the connection, as a departing client would.
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var text = ""
        var status = 0
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            status = Int(response.status.code)
            for try await chunk in response.body {
                text += String(buffer: chunk)
                if let stopAfter, text.utf8.count >= stopAfter { break }
            }
        } catch {
            // A stream the gateway broke off ends here; what arrived is what the caller checks.
        }
        try? await client.shutdown()
        return (status, text)
    }

    /// The usage rows of a token, once the recorder has written them.
    func usageRows(tokenID: String, count: Int) async throws -> [UsageRow] {
        var rows: [UsageRow] = []
        try await waitUntil {
            rows = try await database.read.raw("SELECT * FROM usage_logs WHERE token_id = \(bind: tokenID) ORDER BY id").all().map {
                UsageRow(
                    model: try $0.decode(column: "model", as: String.self), channelID: try $0.decode(column: "channel_id", as: Int64?.self),
                    inputTokens: try $0.decode(column: "input_tokens", as: Int.self),
                    outputTokens: try $0.decode(column: "output_tokens", as: Int.self),
                    costMicros: try $0.decode(column: "cost_micros", as: Int64.self), status: try $0.decode(column: "status", as: Int.self))
            }
            return rows.count >= count
        }
        return rows
    }

    struct UsageRow: Sendable, Equatable {
        let model: String
        let channelID: Int64?
        let inputTokens: Int
        let outputTokens: Int
        let costMicros: Int64
        let status: Int
    }

    /// Polls `GET /generations/{id}` until its state is terminal (or the time runs out) and returns the last object.
    func waitForEnd(_ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            let answer = try await call(.GET, "/generations/\(id)", key: key)
            if let state = answer.json?["state"]?.stringValue, state == "completed" || state == "failed" { return answer.json! }
            if ContinuousClock.now > deadline { return answer.json ?? .null }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Calls a Suno route and returns the envelope's `data` after checking the envelope says success.
    func suno(_ method: HTTPMethod, _ path: String, key: String, body: String? = nil) async throws -> JSONValue {
        let answer = try await call(method, baseURL + path, key: key, body: body)
        guard answer.status == 200, answer.json?["code"] == "success" else {
            throw SunoCallFailed(status: answer.status, body: answer.body)
        }
        return answer.json?["data"] ?? .null
    }

    struct SunoCallFailed: Error, CustomStringConvertible {
        let status: Int
        let body: String
        var description: String { "HTTP \(status): \(body)" }
    }

    /// Fetches a Suno task until it is SUCCESS or FAILURE (or the time runs out) and returns it.
    func waitForSunoTask(_ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            let task = try await suno(.GET, "/suno/fetch/\(id)", key: key)
            if let status = task["status"]?.stringValue, status == "SUCCESS" || status == "FAILURE" { return task }
            if ContinuousClock.now > deadline { return task }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    func ledger(_ reference: String) async throws -> [Ledger.Entry] {
        try await Ledger.entries(in: database.read, reference: reference)
    }

    /// A new administrator's key.
    func adminKey() async throws -> String {
        let admin = try await UserStore(database: database).create(name: "ops", role: "admin")
        return try await TokenStore(database: database).create(name: "ops", quotaMicros: nil, limits: .init(userID: admin.id)).key
    }

    /// A new customer user credited with `balance` dollars, in `group`, and `keys` unlimited keys of theirs.
    func customerUser(balance: String, group: String = "default", keys: Int = 1, rpm: Int? = nil) async throws -> (
        user: UserStore.User, keys: [String]
    ) {
        let users = UserStore(database: database)
        var user = try await users.create(name: "customer", role: "customer", group: group, requestsPerMinute: rpm)
        if let micros = Money.parseDollars(balance), micros > 0 {
            user = try #require(await users.credit(id: user.id, kind: .topup, amountMicros: micros, idempotencyKey: "initial", note: nil))
        }
        var created: [String] = []
        for index in 0..<keys {
            created.append(
                try await TokenStore(database: database).create(name: "key \(index)", quotaMicros: nil, limits: .init(userID: user.id)).key)
        }
        return (user, created)
    }

    func user(_ id: String) async throws -> UserStore.User {
        try #require(await UserStore(database: database).find(id: id))
    }

    /// The sum of a user's ledger entries of `kinds`.
    func ledgerSum(userID: String, kinds: [String]) async throws -> Int64 {
        var total: Int64 = 0
        for kind in kinds {
            total +=
                try await database.read.raw(
                    "SELECT CAST(COALESCE(SUM(amount_micros), 0) AS BIGINT) AS total FROM ledger_entries WHERE user_id = \(bind: userID) AND kind = \(bind: kind)"
                ).first()?.decode(column: "total", as: Int64.self) ?? 0
        }
        return total
    }
}

import Synchronization
