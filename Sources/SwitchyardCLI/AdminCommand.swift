import ArgumentParser
import Switchyard

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admin", abstract: "Operators.", subcommands: [Init.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the first administrator and print its key once (there is no default admin or password).")
        @OptionGroup var store: StoreOptions
        @Option(help: "The administrator's name.") var name = "admin"

        func run() async throws {
            let key = try await DataDirectory.with(store.location) { database in
                let users = UserStore(database: database)
                guard try await !users.hasAdmin() else {
                    throw ValidationError("an administrator already exists; create further keys through the admin API")
                }
                let admin = try await users.create(name: name, role: "admin")
                return try await TokenStore(database: database).create(name: "\(name) key", quotaMicros: nil, limits: .init(userID: admin.id)).key
            }
            print(key)
        }
    }
}
