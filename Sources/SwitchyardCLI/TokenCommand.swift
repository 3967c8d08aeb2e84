import ArgumentParser
import Logging
import Switchyard

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage customer keys.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it (shown once).")
        @Option(help: "Data directory.") var data = "./data"
        @Option(help: "A name for the key.") var name: String
        @Option(help: "Quota in US dollars, e.g. 2.50 (unlimited when absent).") var quota: String?

        func run() async throws {
            var quotaMicros: Int64?
            if let quota {
                guard let micros = Money.parseDollars(quota) else { throw ValidationError("--quota must be an amount in dollars such as 2.50") }
                quotaMicros = micros
            }
            let database = try await Database.open(directory: data, logger: Logger(label: "switchyard-cli"))
            let created = try await TokenStore(database: database).create(name: name, quotaMicros: quotaMicros)
            print(created.key)
            await database.close()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never the keys themselves).")
        @Option(help: "Data directory.") var data = "./data"

        func run() async throws {
            let database = try await Database.open(directory: data, logger: Logger(label: "switchyard-cli"))
            print("id\tname\tkey\tquota\tused\theld\tstatus")
            for token in try await TokenStore(database: database).list() {
                let quota = token.quotaMicros.map(Money.format) ?? "unlimited"
                print(
                    "\(token.id)\t\(token.name)\t\(token.keyHint)\t\(quota)\t\(Money.format(token.usedMicros))\t\(Money.format(token.heldMicros))\t\(token.status)"
                )
            }
            await database.close()
        }
    }
}
