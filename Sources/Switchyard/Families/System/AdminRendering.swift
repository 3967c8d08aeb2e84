/// How the admin API shows stored things: amounts in dollars, times in seconds, and never a secret.
enum AdminRendering {
    static func user(_ user: UserStore.User) -> JSONValue {
        var item = JSONObject()
        item["id"] = .string(user.id)
        item["name"] = .string(user.name)
        item["role"] = .string(user.role)
        item["status"] = .string(user.status)
        item["group"] = .string(user.group)
        item["unlimited"] = .bool(user.quotaMicros == nil)
        item["balance"] = user.balanceMicros.map { .string(Money.format($0)) } ?? .null
        item["credited"] = user.quotaMicros.map { .string(Money.format($0)) } ?? .null
        item["used"] = .string(Money.format(user.usedMicros))
        item["held"] = .string(Money.format(user.heldMicros))
        item["rpm"] = user.requestsPerMinute.map { .int($0) } ?? .null
        item["created_at"] = .int(Int(user.createdAt / 1000))
        return .object(item)
    }

    static func group(_ group: GroupStore.Group) -> JSONValue {
        .object(["name": .string(group.name), "multiplier": .string(group.multiplier)])
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
        item["ips"] = token.allowedIPs.map { .array($0.map(JSONValue.string)) } ?? .null
        item["rpm"] = token.requestsPerMinute.map { .int($0) } ?? .null
        return .object(item)
    }

    /// A channel with its health: its status (and why, when taken out of rotation) and its recent relayed calls.
    static func channel(_ channel: Channel, health: ChannelHealth) -> JSONValue {
        var item = JSONObject()
        item["id"] = .int(Int(channel.id))
        item["name"] = .string(channel.name)
        item["family"] = .string(channel.family)
        item["base_url"] = .string(channel.baseURL)
        item["models"] = .array(channel.models.map(JSONValue.string))
        item["model_mapping"] = .object(JSONObject(channel.modelMapping.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        item["priority"] = .int(channel.priority)
        item["weight"] = .int(channel.weight)
        item["timeout_ms"] = channel.timeoutMillis.map { .int(Int($0)) } ?? .null
        // How many keys, never the keys.
        item["keys"] = .int(channel.credential.keys.count)
        item["status"] = .string(channel.status)
        item["status_reason"] = channel.statusReason.map(JSONValue.string) ?? .null
        let recent = health.recent(channelID: channel.id)
        item["recent"] = .object(["calls": .int(recent.calls), "failures": .int(recent.failures)])
        return .object(item)
    }

    static func price(_ rule: PriceRule) -> JSONValue {
        var item = JSONObject()
        item["family"] = .string(rule.family)
        item["model"] = .string(rule.model)
        item["action"] = .string(rule.action)
        if rule.free == true {
            item["free"] = true
        } else if rule.action == "tokens" {
            item["input_per_million"] = rule.inputPerMillion.map(JSONValue.string) ?? .null
            item["output_per_million"] = rule.outputPerMillion.map(JSONValue.string) ?? .null
            item["cached_input_per_million"] = rule.cachedInputPerMillion.map(JSONValue.string) ?? .null
            let usageAmounts = [
                ("cache_write_per_million", rule.cacheWritePerMillion), ("per_million_characters", rule.perMillionCharacters),
                ("per_second", rule.perSecond),
            ]
            for case (let field, let amount?) in usageAmounts { item[field] = .string(amount) }
            if let perImage = rule.perImage, !perImage.isEmpty {
                var images = JSONObject()
                for (variant, amount) in perImage.sorted(by: { $0.key < $1.key }) { images[variant] = .string(amount) }
                item["per_image"] = .object(images)
            }
        } else {
            item["usd"] = .string(rule.usd)
            if let modifiers = rule.modifiers, !modifiers.isEmpty {
                item["modifiers"] = .array(
                    modifiers.map { .object(["fact": .string($0.fact), "equals": .string($0.equals), "multiplier": .string($0.multiplier)]) })
            }
        }
        if let maxOutputTokens = rule.maxOutputTokens { item["max_output_tokens"] = .int(maxOutputTokens) }
        return .object(item)
    }

    static func reconciliation(_ task: TaskRecord) -> JSONValue {
        var item = JSONObject()
        item["id"] = .string(task.id)
        item["family"] = .string(task.family)
        item["action"] = .string(task.action)
        item["model"] = .string(task.model)
        item["token_id"] = .string(task.tokenID)
        item["state"] = .string(task.state.rawValue)
        item["held"] = .string(Money.format(task.priceMicros))
        item["channel_id"] = task.channelID.map { .int(Int($0)) } ?? .null
        item["upstream_id"] = task.upstreamID.map(JSONValue.string) ?? .null
        item["created_at"] = .int(Int(task.createdAt / 1000))
        return .object(item)
    }
}
