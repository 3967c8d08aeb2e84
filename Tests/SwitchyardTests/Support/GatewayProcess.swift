import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

/// A `switchyard serve` process of its own (not in the test's process), as an operator runs one of several
/// instances: started on a free port with its own data directory, and stopped or killed (SIGKILL) by the test.
final class GatewayProcess: @unchecked Sendable {
    // `Process` is not Sendable; it is only touched to start it and to stop it.
    private let process: Process
    let directory: String
    let logPath: String
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, directory: String, logPath: String, port: Int) {
        self.process = process
        self.directory = directory
        self.logPath = logPath
        self.port = port
    }

    /// Fast test timings, as `TestHarness.testConfig` has them, given the way an operator gives them: environment
    /// variables.
    static let testEnvironment: [String: String] = [
        "SWITCHYARD_UPSTREAM_TIMEOUT_MS": "1000", "SWITCHYARD_TASKS_POLL_INITIAL_MS": "40", "SWITCHYARD_TASKS_POLL_MAX_MS": "150",
        "SWITCHYARD_TASKS_POLLER_TICK_MS": "20", "SWITCHYARD_TASKS_LEASE_MS": "2000", "SWITCHYARD_CALLBACKS_ALLOW_PRIVATE_TARGETS": "true",
        "SWITCHYARD_MEDIA_ALLOW_PRIVATE_SOURCES": "true", "SWITCHYARD_LOG_LEVEL": "info",
    ]

    /// Starts `switchyard serve --database <databaseURL>` and waits until it listens.
    static func start(databaseURL: String, environment: [String: String] = [:]) async throws -> GatewayProcess {
        let executable = try #require(SwitchyardBinary.path(), "the switchyard executable is not built (swift build --build-tests)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-instance-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let logPath = directory + ".log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--port", "0", "--data", directory, "--database", databaseURL]
        process.environment = ProcessInfo.processInfo.environment.merging(testEnvironment.merging(environment) { $1 }) { $1 }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        var port: Int?
        let deadline = ContinuousClock.now + .seconds(30)
        while port == nil, ContinuousClock.now < deadline, process.isRunning {
            port = listeningPort(in: (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
            if port == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let port else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw GatewayProcessFailed(output: output)
        }
        return GatewayProcess(process: process, directory: directory, logPath: logPath, port: port)
    }

    /// The port of the `switchyard listening port=N` line.
    private static func listeningPort(in log: String) -> Int? {
        guard let line = log.split(separator: "\n").first(where: { $0.contains("switchyard listening") }),
            let range = line.range(of: #"port=\d+"#, options: .regularExpression)
        else { return nil }
        return Int(line[range].dropFirst("port=".count))
    }

    /// Ends the process at once, as a crash or `kill -9` would: nothing is flushed, nothing released.
    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Stops the process as an operator's `systemctl stop` would (SIGTERM, graceful), and removes its files.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: logPath)
    }
}

struct GatewayProcessFailed: Error, CustomStringConvertible {
    let output: String
    var description: String { "switchyard serve did not start:\n\(output)" }
}
