import ArgumentParser
import Foundation
import Switchyard

struct PriceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price", abstract: "Show and set prices (a running gateway applies a change from its next call).",
        subcommands: [List.self, Set.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the prices in force.")
        @Option(help: "Data directory.") var data = "./data"
        @Option(help: "A configuration file whose prices replace the defaults, as `serve --config` takes.") var config: String?
        @Option(help: "Only this family.") var family: String?

        func run() async throws {
            let base = try await GatewayConfig.load(file: config, environment: ProcessInfo.processInfo.environment).prices
            let rules = try await DataDirectory.with(data) { database in try await PriceBook(base: base, database: database).current().rules }
            print("family\tmodel\taction\tprice")
            for rule in rules where family == nil || rule.family == family {
                print([rule.family, rule.model, rule.action, Self.describe(rule)].joined(separator: "\t"))
            }
        }

        static func describe(_ rule: PriceRule) -> String {
            if rule.free == true { return "free" }
            if rule.action == "tokens" {
                return
                    "in \(rule.inputPerMillion ?? "?") out \(rule.outputPerMillion ?? "?") cached \(rule.cachedInputPerMillion ?? "-") per 1M tokens"
            }
            let modifiers = (rule.modifiers ?? []).map { " ×\($0.multiplier) if \($0.fact)=\($0.equals)" }.joined()
            return "$\(rule.usd) per call" + modifiers
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the price of one family, model and action: --usd per call, token prices per million, or --free.")
        @Option(help: "Data directory.") var data = "./data"
        @Option(help: "Family (openai, anthropic, luma, suno, ...).") var family: String
        @Option(help: "Model, or * for every model of the family.") var model: String
        @Option(help: "Action (tokens for chat models; video, image, music, ... for tasks; * for all).") var action = "tokens"
        @Option(help: "Price per call in US dollars.") var usd: String?
        @Option(help: "US dollars per million input tokens.") var input: String?
        @Option(help: "US dollars per million output tokens.") var output: String?
        @Option(help: "US dollars per million cached input tokens.") var cachedInput: String?
        @Flag(help: "The operator's word that this costs nothing (unpriced models are refused otherwise).") var free = false

        func run() async throws {
            if action != "tokens", !free, usd == nil { throw ValidationError("--usd is required for a per-call price (or --free)") }
            let rule = PriceRule(
                family: family, model: model, action: action, usd: usd ?? "0", inputPerMillion: input, outputPerMillion: output,
                cachedInputPerMillion: cachedInput, free: free ? true : nil)
            try await DataDirectory.with(data) { database in
                try await PriceBook(base: PriceTable(rules: []), database: database).set(rule)
            }
            print("\(family)/\(model)/\(action): \(List.describe(rule))")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a price: calls it priced are refused until one is set again.")
        @Option(help: "Data directory.") var data = "./data"
        @Option var family: String
        @Option var model: String
        @Option var action = "tokens"

        func run() async throws {
            try await DataDirectory.with(data) { database in
                try await PriceBook(base: PriceTable(rules: []), database: database).remove(family: family, model: model, action: action)
            }
            print("\(family)/\(model)/\(action) withdrawn")
        }
    }
}
