import ArgumentParser
import Logging
import SwitchyardEmulator

struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "emulate", abstract: "Run the upstream emulator alone (every family on one port).")

    @Option(help: "Port to listen on (0 picks a free one).") var port = 9090
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Seconds per generation state step.") var step = 1.0
    @Option(help: "Pause between streamed chat chunks, in milliseconds.") var chunkDelayMs = 0

    func run() async throws {
        let emulator = try await EmulatorServer.start(
            EmulatorConfiguration(host: host, port: port, stepSeconds: step, streamChunkDelayMillis: chunkDelayMs), logger: Logger(label: "emulator"))
        print(
            "emulator listening on http://\(host):\(emulator.port) (Luma: \(emulator.lumaBaseURL), Suno: \(emulator.sunoBaseURL), OpenAI: \(emulator.openAIBaseURL), Anthropic: \(emulator.anthropicBaseURL))"
        )
        // Runs until the process is stopped.
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}
