import Hummingbird

/// Upstream channels: list with health, create, edit, enable, disable, and a live test against the upstream.
extension AdminRoutes {
    func registerChannels(on api: RouterGroup<GatewayRequestContext>) {
        api.get("channel") { request, context in
            try await requireAdmin(request, context)
            let page = try SystemQueries.page(request)
            let all = try await channels.list()
            return page.envelope(
                all.dropFirst(page.offset).prefix(page.size).map { AdminRendering.channel($0, health: probe.health) }, total: all.count)
        }
        api.post("channel") { request, context in
            try await requireAdmin(request, context)
            let fields = try await fields(request)
            let channel = try await channels.add(
                .init(
                    name: try fields.string("name", maxLength: 200) ?? "channel",
                    family: try fields.string("family", required: true, maxLength: 50) ?? "",
                    baseURL: try fields.string("base_url", required: true, maxLength: 2_048) ?? "",
                    credential: .init(key: try fields.string("key", required: true, maxLength: 10_000) ?? "", secret: try Self.secret(fields)),
                    models: try Self.list(fields, "models") ?? [], priority: try fields.int("priority", range: -1_000...1_000) ?? 0,
                    weight: try fields.int("weight", range: 1...1_000) ?? 1, modelMapping: try Self.mapping(fields) ?? [:],
                    timeoutMillis: try fields.int("timeout_ms", range: 100...3_600_000).map(Int64.init)))
            return CustomerSystemRoutes.envelope(AdminRendering.channel(channel, health: probe.health))
        }
        // Edits only the fields given; the key is replaced only when a new one is given, and neither key nor secret is shown.
        api.put("channel/:id") { request, context in
            try await requireAdmin(request, context)
            let id = try Self.channelID(context)
            guard let current = try await channels.find(id: id) else { throw GatewayError.notFound("Channel") }
            let fields = try await fields(request)
            // A new key replaces the credential (with the secret given beside it, if any); a secret alone keeps the key.
            let newKey = try fields.string("key", maxLength: 10_000)
            let newSecret = try Self.secret(fields)
            let credential =
                newKey == nil && newSecret == nil
                ? current.credential
                : UpstreamCredential(key: newKey ?? current.credential.key, secret: newSecret ?? (newKey == nil ? current.credential.secret : nil))
            let edited = ChannelStore.NewChannel(
                name: try fields.string("name", maxLength: 200) ?? current.name, family: current.family,
                baseURL: try fields.string("base_url", maxLength: 2_048) ?? current.baseURL,
                credential: credential,
                models: try Self.list(fields, "models") ?? current.models,
                priority: try fields.int("priority", range: -1_000...1_000) ?? current.priority,
                weight: try fields.int("weight", range: 1...1_000) ?? current.weight, modelMapping: try Self.mapping(fields) ?? current.modelMapping,
                timeoutMillis: try fields.int("timeout_ms", range: 100...3_600_000).map(Int64.init) ?? current.timeoutMillis)
            guard let channel = try await channels.update(id: id, to: edited) else { throw GatewayError.notFound("Channel") }
            return CustomerSystemRoutes.envelope(AdminRendering.channel(channel, health: probe.health))
        }
        for (action, status) in [("enable", "enabled"), ("disable", "disabled")] {
            api.post(RouterPath("channel/:id/\(action)")) { request, context in
                try await requireAdmin(request, context)
                let id = try Self.channelID(context)
                guard try await channels.find(id: id) != nil else { throw GatewayError.notFound("Channel") }
                try await channels.setStatus(id: id, status: status, reason: status == "disabled" ? "disabled by the operator" : nil)
                guard let channel = try await channels.find(id: id) else { throw GatewayError.notFound("Channel") }
                return CustomerSystemRoutes.envelope(AdminRendering.channel(channel, health: probe.health))
            }
        }
        api.get("channel/test/:id") { request, context in
            try await requireAdmin(request, context)
            guard let channel = try await channels.find(id: try Self.channelID(context)) else { throw GatewayError.notFound("Channel") }
            let started = ContinuousClock.now
            let outcome = await probe.test(channel)
            let elapsed = ContinuousClock.now - started
            return CustomerSystemRoutes.envelope(
                .object([
                    "reachable": .bool(outcome.success), "status": outcome.status.map { .int($0) } ?? .null,
                    "latency_ms": .int(Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)),
                ]))
        }
    }

    /// The secret of a provider that signs its own tokens with a key pair, given apart from the key; never shown.
    static func secret(_ fields: JSONFieldReader) throws -> String? {
        try fields.string("secret", maxLength: 10_000).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func channelID(_ context: GatewayRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")) else { throw GatewayError.notFound("Channel") }
        return id
    }

    /// `model_mapping` as an object of strings (the customer's name → the upstream's).
    static func mapping(_ fields: JSONFieldReader) throws -> [String: String]? {
        guard let object = try fields.object("model_mapping") else { return nil }
        var mapping: [String: String] = [:]
        for key in object.object.keys {
            guard let value = try object.string(key, maxLength: 200) else { continue }
            mapping[key] = value
        }
        return mapping
    }
}
