import ArgumentParser
import Logging
import SwitchyardEmulator

struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "emulate", abstract: "Run the upstream emulator alone (every family on one port).")

    @Option(help: "Port to listen on (0 picks a free one).") var port = 9090
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Seconds per generation state step.") var step = 1.0
    @Option(help: "Pause between streamed chat chunks, in milliseconds.") var chunkDelayMs = 0
    @Option(help: "Share of chat calls, creates and submits that get a fault the client did not ask for (0 to 1).")
    var faultRate = 0.0
    @Option(help: "Comma-separated faults to draw from (repeat one to weight it); default: every fault.")
    var faultMix: String?
    @Option(help: "Seed of the fault draws, for a reproducible sequence.") var faultSeed: UInt64 = 1

    func validate() throws {
        guard faultRate >= 0, faultRate <= 1 else { throw ValidationError("--fault-rate must be between 0 and 1") }
        if let faultMix {
            do {
                guard try !EmulatorFaultMix.faults(parsing: faultMix).isEmpty else { throw ValidationError("--fault-mix names no fault") }
            } catch let error as EmulatorFaultMix.UnknownFault {
                throw ValidationError("--fault-mix: \(error)")
            }
        }
    }

    func run() async throws {
        let faults = try faultMix.map(EmulatorFaultMix.faults(parsing:)) ?? EmulatorFault.allCases
        let mix = faultRate > 0 ? EmulatorFaultMix(rate: faultRate, faults: faults, seed: faultSeed) : nil
        let emulator = try await EmulatorServer.start(
            EmulatorConfiguration(host: host, port: port, stepSeconds: step, streamChunkDelayMillis: chunkDelayMs, faultMix: mix),
            logger: Logger(label: "emulator"))
        print(
            "emulator listening on http://\(host):\(emulator.port) (Luma: \(emulator.lumaBaseURL), Suno: \(emulator.sunoBaseURL), Udio: \(emulator.udioBaseURL), OpenAI: \(emulator.openAIBaseURL), Anthropic: \(emulator.anthropicBaseURL))"
        )
        if let mix {
            print("injecting faults on \(mix.rate * 100)% of calls from [\(mix.faults.map(\.rawValue).joined(separator: ","))], seed \(mix.seed)")
        }
        // Runs until the process is stopped.
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}
