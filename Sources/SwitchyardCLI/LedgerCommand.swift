import ArgumentParser
import Switchyard

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Audit the money ledger.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every key's and user's balance from the ledger; print each difference and exit 1 on any.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let differences = try await DataDirectory.with(store.location) { database in try await LedgerAudit.differences(database: database) }
            guard !differences.isEmpty else {
                print("ledger verified: every balance matches its entries")
                return
            }
            for difference in differences { print(difference) }
            print("\(differences.count) difference\(differences.count == 1 ? "" : "s") between stored balances and the ledger")
            throw ExitCode.failure
        }
    }
}
