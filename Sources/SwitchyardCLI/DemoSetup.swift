import Foundation
import Logging
import Switchyard
import SwitchyardEmulator

/// What `serve --demo` prepares: emulated channels for every implemented family, a demo key, and an operator key for
/// the web console.
enum DemoSetup {
    static func prepare(dataDirectory: String, storeLocation: String, emulator: EmulatorServer, logger: Logger) async throws {
        try await DataDirectory.with(storeLocation, logger: logger) { database in
            let channels = ChannelStore(database: database)
            // The emulator's port changes with every start: earlier demo channels are retired, new ones added.
            for channel in try await channels.list() where channel.name.hasPrefix("demo-") && channel.isEnabled {
                try await channels.setStatus(id: channel.id, status: "disabled")
            }
            // `serve --demo` starts the emulator on loopback; each family's API sits at its path there.
            let emulatorRoot = "http://127.0.0.1:\(emulator.port)"
            for module in FamilyModules.all {
                guard let demo = module.demo else { continue }
                try await channels.add(
                    .init(
                        name: "demo-\(module.name)", family: module.name, baseURL: emulatorRoot + demo.emulatorPath,
                        credential: .init(key: demo.key), models: demo.models))
            }
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
            announce(try await operatorKey(dataDirectory: dataDirectory, database: database), as: "Operator key")
        }
    }

    /// The demo operator's key (kept in `data/operator-key.txt`), to sign in to the web console with: the one made
    /// by an earlier demo while it still opens the operator console, else a new administrator's.
    private static func operatorKey(dataDirectory: String, database: Database) async throws -> String {
        let tokens = TokenStore(database: database)
        let users = UserStore(database: database)
        let keyFile = URL(fileURLWithPath: dataDirectory).appendingPathComponent("operator-key.txt")
        if let existing = try? String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            let token = try await tokens.authenticate(key: existing), let userID = token.userID, try await users.find(id: userID)?.isAdmin == true
        {
            return existing
        }
        let admin = try await users.create(name: "demo operator", role: "admin")
        let created = try await tokens.create(name: "demo operator", quotaMicros: nil, limits: .init(userID: admin.id))
        try created.key.write(to: keyFile, atomically: true, encoding: .utf8)
        return created.key
    }

    /// Written unbuffered, so the key shows at once when the output goes to a file or a pipe.
    static func announce(_ value: String, as label: String = "Demo key") {
        FileHandle.standardOutput.write(Data("\(label): \(value)\n".utf8))
    }
}
