import Hummingbird
import SQLKit

/// Prices, top-ups, the spend summary, and the tasks whose upstream outcome waits for an operator.
extension AdminRoutes {
    func registerMoney(on api: RouterGroup<GatewayRequestContext>) {
        api.get("pricing") { request, context in
            try await requireAdmin(request, context)
            let family = request.uri.queryParameters["family"].map(String.init)
            return CustomerSystemRoutes.envelope(
                .array(try await prices.current().rules.filter { family == nil || $0.family == family }.map(AdminRendering.price)))
        }
        // Sets the price of one family, model and action (replacing any other), in force from the next call.
        api.post("pricing") { request, context in
            try await requireAdmin(request, context)
            let fields = try await fields(request)
            var modifiers: [PriceModifier]?
            if let items = try fields.objects("modifiers", maxCount: 50) {
                modifiers = try items.map {
                    PriceModifier(
                        fact: try $0.string("fact", required: true, maxLength: 100) ?? "",
                        equals: try $0.string("equals", required: true, maxLength: 100) ?? "",
                        multiplier: try $0.string("multiplier", required: true, maxLength: 20) ?? "")
                }
            }
            let action = try fields.string("action", required: true, maxLength: 200) ?? ""
            let free = try fields.bool("free")
            // A per-call price must be given: a missing one would silently make the calls free.
            let usd = try fields.string("usd", required: action != "tokens" && free != true, maxLength: 30) ?? "0"
            // Per-image prices: {"hd/1024x1792": "0.12", ...}; PriceRule.validate checks the keys and amounts.
            let perImage = try fields.object("per_image").map { images in
                try Dictionary(
                    images.object.keys.prefix(101).map { ($0, try images.string($0, required: true, maxLength: 30) ?? "") },
                    uniquingKeysWith: { _, last in last })
            }
            let rule = PriceRule(
                family: try fields.string("family", required: true, maxLength: 200) ?? "",
                model: try fields.string("model", required: true, maxLength: 200) ?? "", action: action, usd: usd,
                modifiers: modifiers, inputPerMillion: try fields.string("input_per_million", maxLength: 30),
                outputPerMillion: try fields.string("output_per_million", maxLength: 30),
                cachedInputPerMillion: try fields.string("cached_input_per_million", maxLength: 30),
                cacheWritePerMillion: try fields.string("cache_write_per_million", maxLength: 30), perImage: perImage,
                perMillionCharacters: try fields.string("per_million_characters", maxLength: 30),
                perSecond: try fields.string("per_second", maxLength: 30), free: free,
                maxOutputTokens: try fields.int("max_output_tokens", range: PriceRule.maxOutputTokensRange))
            try await prices.set(rule)
            return CustomerSystemRoutes.envelope(AdminRendering.price(rule))
        }
        // Withdraws a price: calls it priced are refused until a price is set again.
        api.delete("pricing") { request, context in
            try await requireAdmin(request, context)
            let query = request.uri.queryParameters
            guard let family = query["family"], let model = query["model"], let action = query["action"] else {
                throw GatewayError.validation(field: "family", "family, model and action are required")
            }
            try await prices.remove(family: String(family), model: String(model), action: String(action))
            return CustomerSystemRoutes.envelope(.null)
        }
        api.get("topup") { request, context in
            try await requireAdmin(request, context)
            let page = try SystemQueries.page(request)
            let query = request.uri.queryParameters
            let items = try await SystemQueries.ledger(
                database: database, userID: query["user_id"].map(String.init), tokenID: query["token_id"].map(String.init),
                kinds: ["topup", "adjustment"], reference: nil, limit: page.size, offset: page.offset)
            return page.envelope(items)
        }
        // Every balance change, newest first: the ledger as it is, filtered.
        api.get("ledger") { request, context in
            try await requireAdmin(request, context)
            let page = try SystemQueries.page(request)
            let query = request.uri.queryParameters
            let items = try await SystemQueries.ledger(
                database: database, userID: query["user_id"].map(String.init), tokenID: query["token_id"].map(String.init),
                kinds: query["kind"].map { [String($0)] }, reference: query["reference"].map(String.init), limit: page.size, offset: page.offset)
            return page.envelope(items)
        }
        // The ledger audit: every stored balance recomputed from the ledger, and each difference found.
        api.get("ledger/verify") { request, context in
            try await requireAdmin(request, context)
            let differences = try await LedgerAudit.differences(database: database)
            return CustomerSystemRoutes.envelope(
                .object([
                    "clean": .bool(differences.isEmpty),
                    "differences": .array(
                        differences.map {
                            .object([
                                "account": .string($0.account), "id": .string($0.id), "column": .string($0.column),
                                "stored": $0.storedMicros.map { .string(Money.format($0)) } ?? .null,
                                "ledger": $0.ledgerMicros.map { .string(Money.format($0)) } ?? .null,
                            ])
                        }),
                ]))
        }
        api.get("summary") { request, context in
            try await requireAdmin(request, context)
            let query = request.uri.queryParameters
            guard let dimension = SpendSummary.Dimension(rawValue: String(query["by"] ?? "day")) else {
                throw GatewayError.validation(field: "by", "must be one of day, model, channel, user")
            }
            let start = try CustomerSystemRoutes.day(query["start_date"].map(String.init), name: "start_date") ?? 0
            let end = (try CustomerSystemRoutes.day(query["end_date"].map(String.init), name: "end_date") ?? Int64.max / 2) + 86_400_000
            let rows = try await SpendSummary.rows(database: database, by: dimension, start: start, end: end)
            return CustomerSystemRoutes.envelope(
                .object([
                    "by": .string(dimension.rawValue),
                    "items": .array(
                        rows.map {
                            .object(["key": .string($0.key), "spend": .string(Money.format($0.spendMicros)), "calls": .int($0.calls)])
                        }),
                    "total": .string(Money.format(rows.reduce(0) { $0 + $1.spendMicros })),
                ]))
        }
        api.get("reconcile") { request, context in
            try await requireAdmin(request, context)
            let page = try SystemQueries.page(request)
            let tasks = try await engine.store.awaitingReconciliation(limit: page.size, offset: page.offset)
            return page.envelope(tasks.map(AdminRendering.reconciliation))
        }
        // Ends the wait of a task whose submission outcome was unknown: `refund` when the upstream never made it,
        // `attach` with the upstream's id when it did (the task is then polled and settled or refunded as usual).
        api.post("reconcile/:id") { request, context in
            try await requireAdmin(request, context)
            let fields = try await fields(request)
            let decision: TaskEngine.Reconciliation
            switch try fields.string("action", required: true, allowed: ["refund", "attach"]) {
            case "attach":
                decision = .attach(
                    upstreamID: try fields.string("upstream_id", required: true, maxLength: 200) ?? "",
                    channelID: Int64(try fields.int("channel_id", range: 1...Int(Int32.max)) ?? 0))
            default:
                decision = .refund
            }
            let task = try await engine.reconcile(taskID: try context.parameters.require("id"), decision, logger: context.logger)
            return CustomerSystemRoutes.envelope(AdminRendering.reconciliation(task))
        }
    }
}
