import ArgumentParser
import Foundation
import Switchyard

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users, their balances and groups.",
        subcommands: [Create.self, List.self, Topup.self, Disable.self, Enable.self, Group.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user (customers start with a zero balance) and print its id.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The user's name.") var name: String
        @Option(help: "customer or admin.") var role = "customer"
        @Option(help: "The price group (see user group).") var group = "default"
        @Option(help: "Requests per minute across all of the user's keys.") var rpm: Int?

        func run() async throws {
            let user = try await DataDirectory.with(store.location) { database in
                try await UserStore(database: database).create(name: name, role: role, group: group, requestsPerMinute: rpm)
            }
            print(user.id)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their balances.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let users = try await DataDirectory.with(store.location) { database in try await UserStore(database: database).list(limit: .max).items }
            print("id\tname\trole\tgroup\tbalance\tused\theld\tstatus")
            for user in users {
                let balance = user.balanceMicros.map(Money.format) ?? "unlimited"
                print(
                    [user.id, user.name, user.role, user.group, balance, Money.format(user.usedMicros), Money.format(user.heldMicros), user.status]
                        .joined(separator: "\t"))
            }
        }
    }

    struct Topup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add money to a user's balance (counted once per --reference).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's id.") var id: String
        @Option(help: "The amount in US dollars, e.g. 10.00.") var amount: String
        @Option(help: "An idempotency key such as an invoice number: the same one twice counts once.") var reference: String?

        func run() async throws {
            let micros = try DataDirectory.dollars(amount, option: "--amount")
            let user = try await DataDirectory.with(store.location) { database in
                try await UserStore(database: database).credit(
                    id: id, kind: .topup, amountMicros: micros, idempotencyKey: reference ?? UUID().uuidString, note: nil)
            }
            guard let user else { throw ValidationError("no user \(id)") }
            print("user \(user.id) balance \(user.balanceMicros.map(Money.format) ?? "unlimited")")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: all of their keys are refused from their next call.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's id.") var id: String

        func run() async throws { try await UserCommand.setStatus(location: store.location, id: id, status: "disabled") }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a user again.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's id.") var id: String

        func run() async throws { try await UserCommand.setStatus(location: store.location, id: id, status: "active") }
    }

    static func setStatus(location: String, id: String, status: String) async throws {
        let user = try await DataDirectory.with(location) { database in try await UserStore(database: database).update(id: id, status: status) }
        guard let user else { throw ValidationError("no user \(id)") }
        print("user \(user.id) \(user.status)")
    }

    struct Group: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a price group's multiplier (creating the group), or list groups when no name is given.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The group's name.") var name: String?
        @Option(help: "The multiplier on list prices, e.g. 0.8.") var multiplier: String?

        func run() async throws {
            let groups = try await DataDirectory.with(store.location) { database -> [GroupStore.Group] in
                let store = GroupStore(database: database)
                if let name {
                    guard let multiplier else { throw ValidationError("--multiplier is required to set a group") }
                    try await store.set(name: name, multiplier: multiplier)
                }
                return try await store.list()
            }
            for group in groups { print("\(group.name)\t×\(group.multiplier)") }
        }
    }
}
