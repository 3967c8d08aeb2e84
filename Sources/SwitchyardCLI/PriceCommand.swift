import ArgumentParser
import Foundation
import Switchyard

struct PriceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price", abstract: "Show and set prices (a running gateway applies a change from its next call).",
        subcommands: [List.self, Set.self, Remove.self, Import.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the prices in force.")
        @OptionGroup var store: StoreOptions
        @Option(help: "A configuration file whose prices replace the defaults, as `serve --config` takes.") var config: String?
        @Option(help: "Only this family.") var family: String?

        func run() async throws {
            let base = try await GatewayConfig.load(file: config, environment: ProcessInfo.processInfo.environment).prices
            let rules = try await DataDirectory.with(store.location) { database in try await PriceBook(base: base, database: database).current().rules
            }
            print("family\tmodel\taction\tprice")
            for rule in rules where family == nil || rule.family == family {
                print([rule.family, rule.model, rule.action, Self.describe(rule)].joined(separator: "\t"))
            }
        }

        static func describe(_ rule: PriceRule) -> String {
            if rule.free == true { return "free" }
            if rule.action == "tokens" {
                var text =
                    "in \(rule.inputPerMillion ?? "?") out \(rule.outputPerMillion ?? "?") cached \(rule.cachedInputPerMillion ?? "-")"
                if let cacheWrite = rule.cacheWritePerMillion { text += " cache write \(cacheWrite)" }
                text += " per 1M tokens"
                if let perImage = rule.perImage, !perImage.isEmpty {
                    text += "; per image " + perImage.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                }
                if let perCharacters = rule.perMillionCharacters { text += "; \(perCharacters) per 1M characters" }
                if let perSecond = rule.perSecond { text += "; \(perSecond) per second" }
                if let maxOutputTokens = rule.maxOutputTokens { text += "; max output \(maxOutputTokens) tokens" }
                return text
            }
            let modifiers = (rule.modifiers ?? []).map { " ×\($0.multiplier) if \($0.fact)=\($0.equals)" }.joined()
            return "$\(rule.usd) per call" + modifiers
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the price of one family, model and action: --usd per call, usage prices (tokens, images, ...), or --free.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Family (openai, anthropic, luma, suno, ...).") var family: String
        @Option(help: "Model, or * for every model of the family.") var model: String
        @Option(help: "Action (tokens for chat models; video, image, music, ... for tasks; * for all).") var action = "tokens"
        @Option(help: "Price per call in US dollars.") var usd: String?
        @Option(help: "US dollars per million input tokens.") var input: String?
        @Option(help: "US dollars per million output tokens.") var output: String?
        @Option(help: "US dollars per million input tokens read from the cache.") var cachedInput: String?
        @Option(help: "US dollars per million input tokens written to the cache.") var cacheWrite: String?
        @Option(help: "US dollars per image by quality/size, such as \"hd/1024x1792=0.12,standard/1024x1024=0.04\" (or \"*=0.04\").")
        var perImage: String?
        @Option(help: "US dollars per million input characters (speech).") var perMillionCharacters: String?
        @Option(help: "US dollars per second of audio (transcription).") var perSecond: String?
        @Option(help: "The most output tokens the model gives in one answer: what a call that sets no max_tokens reserves.")
        var maxOutputTokens: Int?
        @Flag(help: "The operator's word that this costs nothing (unpriced models are refused otherwise).") var free = false

        func run() async throws {
            if action != "tokens", !free, usd == nil { throw ValidationError("--usd is required for a per-call price (or --free)") }
            var images: [String: String]?
            if let perImage {
                images = [:]
                for pair in DataDirectory.list(perImage) {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2 else { throw ValidationError("--per-image takes variant=dollars pairs, such as hd/1024x1792=0.12") }
                    images?[parts[0]] = parts[1]
                }
            }
            let rule = PriceRule(
                family: family, model: model, action: action, usd: usd ?? "0", inputPerMillion: input, outputPerMillion: output,
                cachedInputPerMillion: cachedInput, cacheWritePerMillion: cacheWrite, perImage: images,
                perMillionCharacters: perMillionCharacters, perSecond: perSecond, free: free ? true : nil, maxOutputTokens: maxOutputTokens)
            try await DataDirectory.with(store.location) { database in
                try await PriceBook(base: PriceTable(rules: []), database: database).set(rule)
            }
            print("\(family)/\(model)/\(action): \(List.describe(rule))")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a price: calls it priced are refused until one is set again.")
        @OptionGroup var store: StoreOptions
        @Option var family: String
        @Option var model: String
        @Option var action = "tokens"

        func run() async throws {
            try await DataDirectory.with(store.location) { database in
                try await PriceBook(base: PriceTable(rules: []), database: database).remove(family: family, model: model, action: action)
            }
            print("\(family)/\(model)/\(action) withdrawn")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import OpenAI and Anthropic prices from litellm's model price list; shows the changes, writes them with --yes.",
            discussion: """
                FILE is litellm's model_prices_and_context_window_backup.json (in the litellm wheel, or \
                https://github.com/BerriAI/litellm's model_prices_and_context_window.json). Models past their \
                deprecation date are left out; prices in force that the file does not name are kept.
                """)
        @Argument(help: "litellm's model price JSON file.") var file: String
        @OptionGroup var store: StoreOptions
        @Option(help: "A configuration file whose prices replace the defaults, as `serve --config` takes.") var config: String?
        @Option(help: "Only this family (openai or anthropic).") var family: String?
        @Flag(help: "Write the changes (without it, only show them).") var yes = false

        func run() async throws {
            let importable = FamilyModules.priceImportFamilies
            guard family.map(importable.contains) ?? true else {
                throw ValidationError("--family must be \(importable.joined(separator: " or "))")
            }
            guard let document = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            let today = formatter.string(from: Date())
            let imported = try LiteLLMPriceImport.rules(
                from: document, families: Swift.Set(family.map { [$0] } ?? importable), today: today)
            let base = try await GatewayConfig.load(file: config, environment: ProcessInfo.processInfo.environment).prices
            let plan = try await DataDirectory.with(store.location) { database in
                let book = try await PriceBook(base: base, database: database)
                let plan = PriceImportPlan(importing: imported, current: try await book.current())
                if yes { try await book.set(plan.rulesToWrite) }
                return plan
            }
            for rule in plan.added {
                print("added\t\(rule.family)/\(rule.model)\t\(List.describe(rule))")
            }
            for change in plan.changed {
                print("changed\t\(change.new.family)/\(change.new.model)\t\(List.describe(change.old)) → \(List.describe(change.new))")
            }
            let summary = "\(plan.added.count) added, \(plan.changed.count) changed, \(plan.unchanged) unchanged"
            print(yes ? "\(summary): written." : "\(summary). Dry run: nothing written; run again with --yes to write.")
        }
    }
}
