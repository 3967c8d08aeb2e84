import ArgumentParser
import Foundation
import Logging
import Switchyard

struct ChannelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel", abstract: "Manage upstream channels.", subcommands: [Add.self, List.self, Enable.self, Disable.self, Test.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an upstream channel.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Family (luma, ...).") var family: String
        @Option(help: "The base URL the provider's SDK takes.") var baseURL: String
        @Option(help: "The upstream key; several keys separated by commas are used in turn.") var key: String
        @Option(help: "The secret of a key pair, for providers that sign their own tokens (or give the key as access:secret).")
        var secret: String?
        @Option(help: "Comma-separated models this channel serves.") var models: String
        @Option(help: "A name for the channel.") var name: String?
        @Option(help: "Priority tier; higher is tried first.") var priority = 0
        @Option(help: "Weight inside the tier.") var weight = 1
        @Option(help: "Model names to rename upstream, e.g. my-gpt=gpt-4o-mini,fast=gpt-4.1-mini.") var modelMapping: String?
        @Option(help: "This channel's upstream deadline in milliseconds.") var timeoutMs: Int64?

        func run() async throws {
            let modelList = DataDirectory.list(models)
            guard !modelList.isEmpty else { throw ValidationError("--models must name at least one model") }
            var mapping: [String: String] = [:]
            for pair in (modelMapping ?? "").split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ValidationError("--model-mapping takes name=upstream pairs")
                }
                mapping[parts[0]] = parts[1]
            }
            let channel = try await DataDirectory.with(store.location) { database in
                try await ChannelStore(database: database).add(
                    .init(
                        name: name ?? "\(family)-channel", family: family, baseURL: baseURL, credential: .init(key: key, secret: secret),
                        models: modelList,
                        priority: priority, weight: weight, modelMapping: mapping, timeoutMillis: timeoutMs))
            }
            print("added channel \(channel.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List channels (keys are never shown).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let channels = try await DataDirectory.with(store.location) { database in try await ChannelStore(database: database).list() }
            print("id\tname\tfamily\tbase_url\tmodels\tpriority\tweight\tkeys\tstatus")
            for channel in channels {
                let status = channel.statusReason.map { "\(channel.status) (\($0))" } ?? channel.status
                let mapped = channel.modelMapping.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                let columns: [String] = [
                    String(channel.id), channel.name, channel.family, channel.baseURL, (channel.models + mapped).joined(separator: ","),
                    String(channel.priority), String(channel.weight), String(channel.credential.keys.count), status,
                ]
                print(columns.joined(separator: "\t"))
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a channel (also one marked unhealthy).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The channel's id.") var id: Int64

        func run() async throws {
            try await ChannelCommand.setStatus(location: store.location, id: id, status: "enabled")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a channel.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The channel's id.") var id: Int64

        func run() async throws {
            try await ChannelCommand.setStatus(location: store.location, id: id, status: "disabled")
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask a channel's upstream a cheap question now and report the answer.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The channel's id.") var id: Int64

        func run() async throws {
            let channel = try await DataDirectory.with(store.location) { database in try await ChannelStore(database: database).find(id: id) }
            guard let channel else { throw ValidationError("no channel \(id)") }
            let started = ContinuousClock.now
            let outcome = await ChannelProbe.test(channel, logger: Logger(label: "switchyard-cli"))
            let status = outcome.status.map(String.init) ?? "no answer"
            print("channel \(id) \(outcome.success ? "reachable" : "unreachable") (HTTP \(status)) in \(ContinuousClock.now - started)")
            if !outcome.success { throw ExitCode.failure }
        }
    }

    static func setStatus(location: String, id: Int64, status: String) async throws {
        try await DataDirectory.with(location) { database in
            let channels = ChannelStore(database: database)
            guard try await channels.find(id: id) != nil else { throw ValidationError("no channel \(id)") }
            try await channels.setStatus(id: id, status: status, reason: status == "disabled" ? "disabled by the operator" : nil)
        }
        print("channel \(id) \(status)")
    }
}
