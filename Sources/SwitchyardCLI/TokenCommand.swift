import ArgumentParser
import Foundation
import Switchyard

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage customer keys.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it (shown once).")
        @OptionGroup var store: StoreOptions
        @Option(help: "A name for the key.") var name: String
        @Option(help: "Quota in US dollars, e.g. 2.50 (unlimited when absent).") var quota: String?
        @Option(help: "Expiry as a date (2027-01-31) or Unix seconds; never when absent.") var expires: String?
        @Option(help: "Comma-separated models the key may call (any when absent).") var models: String?
        @Option(help: "Comma-separated IP addresses or CIDR blocks the key may be used from.") var ips: String?
        @Option(help: "Requests per minute.") var rpm: Int?
        @Option(help: "The user who owns the key (its spend also counts against the user's balance).") var user: String?

        func run() async throws {
            let quotaMicros = try quota.map { try DataDirectory.dollars($0, option: "--quota") }
            let limits = TokenStore.Limits(
                expiresAt: try expires.map(Self.parseExpiry), allowedModels: models.map(DataDirectory.list), allowedIPs: ips.map(DataDirectory.list),
                requestsPerMinute: rpm, userID: user)
            let key = try await DataDirectory.with(store.location) { database in
                if let user, try await UserStore(database: database).find(id: user) == nil { throw ValidationError("no user \(user)") }
                return try await TokenStore(database: database).create(name: name, quotaMicros: quotaMicros, limits: limits).key
            }
            print(key)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key for good.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The token's id (see token list).") var id: String

        func run() async throws {
            let revoked = try await DataDirectory.with(store.location) { database in try await TokenStore(database: database).revoke(id: id) }
            guard revoked else { throw ValidationError("no token \(id)") }
            print("token \(id) revoked")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never the keys themselves).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let tokens = try await DataDirectory.with(store.location) { database in try await TokenStore(database: database).list(limit: .max).items }
            print("id\tname\tkey\tquota\tused\theld\tstatus")
            for token in tokens {
                let quota = token.quotaMicros.map(Money.format) ?? "unlimited"
                print(
                    "\(token.id)\t\(token.name)\t\(token.keyHint)\t\(quota)\t\(Money.format(token.usedMicros))\t\(Money.format(token.heldMicros))\t\(token.status)"
                )
            }
        }
    }
}

extension TokenCommand.Create {
    /// Milliseconds since the epoch of a `YYYY-MM-DD` date (midnight UTC) or of Unix seconds.
    static func parseExpiry(_ text: String) throws -> Int64 {
        if let seconds = Int64(text) { return seconds * 1000 }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        guard let date = formatter.date(from: text) else { throw ValidationError("--expires takes a date such as 2027-01-31 or Unix seconds") }
        return Int64(date.timeIntervalSince1970 * 1000)
    }
}
