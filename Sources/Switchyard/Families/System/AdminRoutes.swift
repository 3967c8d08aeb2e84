import Hummingbird

/// The operators' API under `/api/`, authenticated by an administrator's key; every route checks the role on the
/// server, and no route returns a secret once it is set (keys are shown once, at creation).
struct AdminRoutes: Sendable {
    let database: Database
    let tokens: TokenStore
    let users: UserStore
    let channels: ChannelStore
    let authenticator: CustomerAuthenticator
    let probe: ChannelProbe
    let prices: PriceTable
    let bodyLimit: Int

    func register(on router: Router<GatewayRequestContext>) {
        let api = router.group("api")
        api.get("token") { request, context in
            try await requireAdmin(request, context)
            let (page, size) = try SystemQueries.page(request)
            let all = try await tokens.list()
            return CustomerSystemRoutes.envelope(
                .object(["items": .array(all.dropFirst((page - 1) * size).prefix(size).map(Self.token)), "total": .int(all.count)]))
        }
        api.post("token") { request, context in
            try await requireAdmin(request, context)
            let fields = JSONFieldReader(try await RequestBody.jsonObject(request, limit: bodyLimit))
            let name = try fields.string("name", required: true, maxLength: 200) ?? ""
            let quota = try fields.string("quota", maxLength: 30).map { text -> Int64 in
                guard let micros = Money.parseDollars(text) else {
                    throw GatewayError.validation(field: "quota", "must be an amount in dollars such as \"2.50\"")
                }
                return micros
            }
            let models = try fields.string("models", maxLength: 10_000).map { $0.split(separator: ",").map(String.init) }
            let limits = TokenStore.Limits(
                expiresAt: try fields.int("expires_at").map { Int64($0) * 1000 }, allowedModels: models,
                allowedIPs: try fields.string("ips", maxLength: 10_000).map { $0.split(separator: ",").map(String.init) },
                requestsPerMinute: try fields.int("rpm", range: 1...1_000_000), userID: try fields.string("user_id", maxLength: 100))
            let created = try await tokens.create(name: name, quotaMicros: quota, limits: limits)
            guard case .object(var token) = Self.token(created.token) else { throw GatewayError.internalError() }
            // The key itself, this once.
            token["key"] = .string(created.key)
            return CustomerSystemRoutes.envelope(.object(token))
        }
        api.post("token/:id/revoke") { request, context in
            try await requireAdmin(request, context)
            guard try await tokens.revoke(id: try context.parameters.require("id")) else { throw GatewayError.notFound("Token") }
            return CustomerSystemRoutes.envelope(.null)
        }
        api.post("token/:id/topup") { request, context in
            try await requireAdmin(request, context)
            let fields = JSONFieldReader(try await RequestBody.jsonObject(request, limit: bodyLimit))
            guard let amount = try fields.string("amount", required: true, maxLength: 30).flatMap(Money.parseDollars) else {
                throw GatewayError.validation(field: "amount", "must be an amount in dollars such as \"10.00\"")
            }
            let key = try fields.string("idempotency_key", maxLength: 200) ?? context.requestID
            guard let token = try await tokens.topUp(id: try context.parameters.require("id"), amountMicros: amount, idempotencyKey: key) else {
                throw GatewayError.notFound("Token")
            }
            return CustomerSystemRoutes.envelope(Self.token(token))
        }
        api.get("channel") { request, context in
            try await requireAdmin(request, context)
            return CustomerSystemRoutes.envelope(.array(try await channels.list().map(Self.channel)))
        }
        api.post("channel") { request, context in
            try await requireAdmin(request, context)
            let fields = JSONFieldReader(try await RequestBody.jsonObject(request, limit: bodyLimit))
            let models = try fields.string("models", required: true, maxLength: 10_000)?.split(separator: ",").map(String.init) ?? []
            let channel = try await channels.add(
                .init(
                    name: try fields.string("name", maxLength: 200) ?? "channel",
                    family: try fields.string("family", required: true, maxLength: 50) ?? "",
                    baseURL: try fields.string("base_url", required: true, maxLength: 2_048) ?? "",
                    credential: .init(key: try fields.string("key", required: true, maxLength: 10_000) ?? ""), models: models,
                    priority: try fields.int("priority", range: -1_000...1_000) ?? 0, weight: try fields.int("weight", range: 1...1_000) ?? 1))
            return CustomerSystemRoutes.envelope(Self.channel(channel))
        }
        for (action, status) in [("enable", "enabled"), ("disable", "disabled")] {
            api.post(RouterPath("channel/:id/\(action)")) { request, context in
                try await requireAdmin(request, context)
                guard let id = Int64(try context.parameters.require("id")), try await channels.find(id: id) != nil else {
                    throw GatewayError.notFound("Channel")
                }
                try await channels.setStatus(id: id, status: status, reason: status == "disabled" ? "disabled by the operator" : nil)
                return CustomerSystemRoutes.envelope(Self.channel(try await channels.find(id: id)!))
            }
        }
        api.get("channel/test/:id") { request, context in
            try await requireAdmin(request, context)
            guard let id = Int64(try context.parameters.require("id")), let channel = try await channels.find(id: id) else {
                throw GatewayError.notFound("Channel")
            }
            let started = ContinuousClock.now
            let outcome = await probe.test(channel)
            let elapsed = ContinuousClock.now - started
            return CustomerSystemRoutes.envelope(
                .object([
                    "reachable": .bool(outcome.success), "status": outcome.status.map { .int($0) } ?? .null,
                    "latency_ms": .int(Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)),
                ]))
        }
        api.get("log") { request, context in
            try await requireAdmin(request, context)
            let (page, size) = try SystemQueries.page(request)
            let query = request.uri.queryParameters
            let items = try await SystemQueries.usage(
                database: database, tokenID: query["token_id"].map(String.init), model: query["model"].map(String.init), start: 0, end: .max / 2,
                limit: size, offset: (page - 1) * size)
            return CustomerSystemRoutes.envelope(.object(["items": .array(items), "page": .int(page), "page_size": .int(size)]))
        }
        api.get("task") { request, context in
            try await requireAdmin(request, context)
            let (page, size) = try SystemQueries.page(request)
            let query = request.uri.queryParameters
            let items = try await SystemQueries.tasks(
                database: database, tokenID: query["token_id"].map(String.init), family: query["family"].map(String.init),
                state: try SystemQueries.state(query["state"].map(String.init)), limit: size, offset: (page - 1) * size)
            return CustomerSystemRoutes.envelope(.object(["items": .array(items), "page": .int(page), "page_size": .int(size)]))
        }
        api.get("pricing") { request, context in
            try await requireAdmin(request, context)
            return CustomerSystemRoutes.envelope(.array(prices.rules.map(Self.price)))
        }
        api.get("status") { _, _ in
            CustomerSystemRoutes.envelope(.object(["name": "Switchyard", "families": .array(["openai", "anthropic", "luma", "suno"])]))
        }
    }

    /// Refuses anyone but an active administrator (403 for a customer's key).
    private func requireAdmin(_ request: Request, _ context: GatewayRequestContext) async throws {
        let token = try await authenticator.authenticate(request, context: context)
        guard let userID = token.userID, let user = try await users.find(id: userID), user.isAdmin else {
            throw GatewayError.forbidden("An administrator's key is required")
        }
    }

    static func token(_ token: Token) -> JSONValue {
        var item = JSONObject()
        item["id"] = .string(token.id)
        item["name"] = .string(token.name)
        item["key_hint"] = .string(token.keyHint)
        item["status"] = .string(token.status)
        item["user_id"] = token.userID.map(JSONValue.string) ?? .null
        item["quota"] = token.quotaMicros.map { .string(Money.format($0)) } ?? .null
        item["used"] = .string(Money.format(token.usedMicros))
        item["held"] = .string(Money.format(token.heldMicros))
        item["expires_at"] = token.expiresAt.map { .int(Int($0 / 1000)) } ?? .null
        item["models"] = token.allowedModels.map { .array($0.map(JSONValue.string)) } ?? .null
        item["rpm"] = token.requestsPerMinute.map { .int($0) } ?? .null
        return .object(item)
    }

    static func channel(_ channel: Channel) -> JSONValue {
        var item = JSONObject()
        item["id"] = .int(Int(channel.id))
        item["name"] = .string(channel.name)
        item["family"] = .string(channel.family)
        item["base_url"] = .string(channel.baseURL)
        item["models"] = .array(channel.models.map(JSONValue.string))
        item["model_mapping"] = .object(JSONObject(channel.modelMapping.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        item["priority"] = .int(channel.priority)
        item["weight"] = .int(channel.weight)
        // How many keys, never the keys.
        item["keys"] = .int(channel.credential.keys.count)
        item["status"] = .string(channel.status)
        item["status_reason"] = channel.statusReason.map(JSONValue.string) ?? .null
        return .object(item)
    }

    static func price(_ rule: PriceRule) -> JSONValue {
        var item = JSONObject()
        item["family"] = .string(rule.family)
        item["model"] = .string(rule.model)
        item["action"] = .string(rule.action)
        if rule.action == "tokens" {
            item["input_per_million"] = rule.inputPerMillion.map(JSONValue.string) ?? .null
            item["output_per_million"] = rule.outputPerMillion.map(JSONValue.string) ?? .null
            item["cached_input_per_million"] = rule.cachedInputPerMillion.map(JSONValue.string) ?? .null
        } else {
            item["usd"] = .string(rule.usd)
        }
        return .object(item)
    }
}
