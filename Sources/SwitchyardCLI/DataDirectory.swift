import ArgumentParser
import Logging
import Switchyard

/// Opens the store of a data directory for one command and always closes it, also when the command fails.
enum DataDirectory {
    static func with<T: Sendable>(
        _ path: String, logger: Logger = Logger(label: "switchyard-cli"), _ body: (Database) async throws -> T
    ) async throws -> T {
        let database = try await Database.open(directory: path, logger: logger)
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    /// A dollar amount given on the command line ("10.00"; "-2.50" only where `signed`).
    static func dollars(_ text: String, option: String, signed: Bool = false) throws -> Int64 {
        let negative = signed && text.hasPrefix("-")
        guard let micros = Money.parseDollars(negative ? String(text.dropFirst()) : text) else {
            throw ValidationError("\(option) must be an amount in dollars such as 10.00")
        }
        return negative ? -micros : micros
    }
}
