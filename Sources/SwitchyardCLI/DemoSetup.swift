import Foundation
import Logging
import Switchyard
import SwitchyardEmulator

/// What `serve --demo` prepares: emulated channels for every implemented family and a demo key.
enum DemoSetup {
    static func prepare(dataDirectory: String, emulator: EmulatorServer, logger: Logger) async throws {
        try await DataDirectory.with(dataDirectory, logger: logger) { database in
            let channels = ChannelStore(database: database)
            // The emulator's port changes with every start: earlier demo channels are retired, new ones added.
            for channel in try await channels.list() where channel.name.hasPrefix("demo-") && channel.isEnabled {
                try await channels.setStatus(id: channel.id, status: "disabled")
            }
            try await channels.add(
                .init(
                    name: "demo-luma", family: "luma", baseURL: emulator.lumaBaseURL, credential: .init(key: "demo-upstream-key"),
                    models: LumaSettings().videoModels + LumaSettings().imageModels))
            try await channels.add(
                .init(
                    name: "demo-suno", family: "suno", baseURL: emulator.sunoBaseURL, credential: .init(key: "demo-upstream-key"),
                    models: SunoSettings().modelNames))
            try await channels.add(
                .init(
                    name: "demo-udio", family: "udio", baseURL: emulator.udioBaseURL, credential: .init(key: "demo-upstream-key"),
                    models: UdioSettings().models))
            try await channels.add(
                .init(
                    name: "demo-openai", family: "openai", baseURL: emulator.openAIBaseURL, credential: .init(key: "demo-upstream-key"),
                    models: [
                        "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini", "text-embedding-3-small", "text-embedding-3-large",
                        "dall-e-3", "gpt-image-1", "tts-1", "whisper-1",
                    ]))
            try await channels.add(
                .init(
                    name: "demo-anthropic", family: "anthropic", baseURL: emulator.anthropicBaseURL, credential: .init(key: "demo-upstream-key"),
                    models: [
                        "claude-3-5-haiku-latest", "claude-3-5-sonnet-latest", "claude-sonnet-4-20250514", "claude-opus-4-1-20250805",
                        "claude-3-haiku-20240307",
                    ]))
            let tokens = TokenStore(database: database)
            let keyFile = URL(fileURLWithPath: dataDirectory).appendingPathComponent("demo-key.txt")
            if let existing = try? String(contentsOf: keyFile, encoding: .utf8),
                try await tokens.authenticate(key: existing.trimmingCharacters(in: .whitespacesAndNewlines)) != nil
            {
                announce(existing.trimmingCharacters(in: .whitespacesAndNewlines))
            } else {
                let created = try await tokens.create(name: "demo", quotaMicros: 100 * Money.microsPerDollar)
                try created.key.write(to: keyFile, atomically: true, encoding: .utf8)
                announce(created.key)
            }
        }
    }

    /// Written unbuffered, so the key shows at once when the output goes to a file or a pipe.
    private static func announce(_ key: String) {
        FileHandle.standardOutput.write(Data("Demo key: \(key)\n".utf8))
    }
}
