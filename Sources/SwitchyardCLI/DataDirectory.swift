import ArgumentParser
import Logging
import Switchyard

/// Opens the store for one command and always closes it, also when the command fails.
enum DataDirectory {
    /// - Parameter location: a data directory, or a `postgres://` URL (see `StoreOptions`).
    static func with<T: Sendable>(
        _ location: String, logger: Logger = Logger(label: "switchyard-cli"), _ body: (Database) async throws -> T
    ) async throws -> T {
        let database = try await Database.open(location: location, logger: logger)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    /// A dollar amount given on the command line ("10.00").
    static func dollars(_ text: String, option: String) throws -> Int64 {
        guard let micros = Money.parseDollars(text) else { throw ValidationError("\(option) must be an amount in dollars such as 10.00") }
        return micros
    }

    /// A comma-separated list given on the command line ("a, b,c").
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
