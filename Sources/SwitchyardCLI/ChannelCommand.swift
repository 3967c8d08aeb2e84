import ArgumentParser
import Logging
import Switchyard

struct ChannelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel", abstract: "Manage upstream channels.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an upstream channel.")
        @Option(help: "Data directory.") var data = "./data"
        @Option(help: "Family (luma, ...).") var family: String
        @Option(help: "The base URL the provider's SDK takes.") var baseURL: String
        @Option(help: "The upstream key.") var key: String
        @Option(help: "Comma-separated models this channel serves.") var models: String
        @Option(help: "A name for the channel.") var name: String?
        @Option(help: "Priority tier; higher is tried first.") var priority = 0
        @Option(help: "Weight inside the tier.") var weight = 1

        func run() async throws {
            let database = try await Database.open(directory: data, logger: Logger(label: "switchyard-cli"))
            let modelList = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !modelList.isEmpty else { throw ValidationError("--models must name at least one model") }
            let channel = try await ChannelStore(database: database).add(
                .init(
                    name: name ?? "\(family)-channel", family: family, baseURL: baseURL, credential: .init(key: key), models: modelList,
                    priority: priority, weight: weight))
            print("added channel \(channel.id)")
            await database.close()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List channels (keys are never shown).")
        @Option(help: "Data directory.") var data = "./data"

        func run() async throws {
            let database = try await Database.open(directory: data, logger: Logger(label: "switchyard-cli"))
            print("id\tname\tfamily\tbase_url\tmodels\tpriority\tweight\tstatus")
            for channel in try await ChannelStore(database: database).list() {
                print(
                    "\(channel.id)\t\(channel.name)\t\(channel.family)\t\(channel.baseURL)\t\(channel.models.joined(separator: ","))\t\(channel.priority)\t\(channel.weight)\t\(channel.status)"
                )
            }
            await database.close()
        }
    }
}
