import Foundation
import Synchronization
import Testing

/// The built `switchyard` executable, run as an operator would run it.
enum SwitchyardBinary {
    struct Outcome: Sendable {
        let status: Int32
        /// Standard output and standard error together.
        let output: String
    }

    /// Where the build put it: next to the test bundle, or in the package's `.build/debug`.
    static func path(filePath: String = #filePath) -> String? {
        let packageRoot = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("switchyard").path,
            packageRoot.appendingPathComponent(".build/debug/switchyard").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static let spawnLock = Mutex(())

    /// Runs `switchyard arguments…` and waits for it to exit; one still running after `seconds` is terminated and
    /// reported as a failure of the test.
    static func run(_ arguments: [String], seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Outcome {
        let executable = try #require(path(), "the switchyard executable is not built (swift build --build-tests)", sourceLocation: sourceLocation)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        // Foundation's Process.run is not safe to call from several threads at once on Linux (seen crashing while
        // the suite's tests ran in parallel): spawns are taken one at a time.
        try spawnLock.withLock { _ in try process.run() }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                Issue.record("switchyard \(arguments.joined(separator: " ")) still running after \(seconds) s", sourceLocation: sourceLocation)
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Outcome(status: process.terminationStatus, output: text)
    }
}
