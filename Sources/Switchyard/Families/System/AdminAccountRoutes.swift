import Hummingbird

/// Users, their groups and their keys.
extension AdminRoutes {
    func registerAccounts(on api: RouterGroup<GatewayRequestContext>) {
        api.get("user") { request, context in
            try await requireAdmin(request, context)
            let page = try SystemQueries.page(request)
            let found = try await users.list(limit: page.size, offset: page.offset)
            return page.envelope(found.items.map(AdminRendering.user), total: found.total)
        }
        api.post("user") { request, context in
            try await requireAdmin(request, context)
            let fields = try await fields(request)
            let user = try await users.create(
                name: try fields.string("name", required: true, maxLength: 200) ?? "",
                role: try fields.string("role", allowed: ["customer", "admin"]) ?? "customer",
                group: try fields.string("group", maxLength: 100) ?? "default",
                requestsPerMinute: try fields.int("rpm", range: 1...1_000_000))
            return CustomerSystemRoutes.envelope(AdminRendering.user(user))
        }
        api.get("user/:id") { request, context in
            try await requireAdmin(request, context)
            guard let user = try await users.find(id: try context.parameters.require("id")) else { throw GatewayError.notFound("User") }
            return CustomerSystemRoutes.envelope(AdminRendering.user(user))
        }
        api.put("user/:id") { request, context in
            try await requireAdmin(request, context)
            let fields = try await fields(request)
            let rpm: Int?? = try fields.int("rpm", range: 0...1_000_000).map { $0 == 0 ? nil : $0 }
            guard
                let user = try await users.update(
                    id: try context.parameters.require("id"), status: try fields.string("status", allowed: ["active", "disabled"]),
                    group: try fields.string("group", maxLength: 100), requestsPerMinute: rpm)
            else { throw GatewayError.notFound("User") }
            return CustomerSystemRoutes.envelope(AdminRendering.user(user))
        }
        for (action, kind) in [("topup", Ledger.Credit.topup), ("adjust", .adjustment)] {
            api.post(RouterPath("user/:id/\(action)")) { request, context in
                try await requireAdmin(request, context)
                let fields = try await fields(request)
                let amount = try Self.dollars(fields, "amount", signed: kind == .adjustment) ?? 0
                let note = try fields.string("note", required: kind == .adjustment, maxLength: 500)
                guard
                    let user = try await users.credit(
                        id: try context.parameters.require("id"), kind: kind, amountMicros: amount,
                        idempotencyKey: try Self.idempotencyKey(request, fields, context), note: note)
                else { throw GatewayError.notFound("User") }
                return CustomerSystemRoutes.envelope(AdminRendering.user(user))
            }
        }
        api.get("group") { request, context in
            try await requireAdmin(request, context)
            return CustomerSystemRoutes.envelope(.array(try await groups.list().map(AdminRendering.group)))
        }
        api.post("group") { request, context in
            try await requireAdmin(request, context)
            let fields = try await fields(request)
            let group = try await groups.set(
                name: try fields.string("name", required: true, maxLength: 100) ?? "",
                multiplier: try fields.string("multiplier", required: true, maxLength: 20) ?? "")
            return CustomerSystemRoutes.envelope(AdminRendering.group(group))
        }
        api.get("token") { request, context in
            try await requireAdmin(request, context)
            let page = try SystemQueries.page(request)
            let found = try await tokens.list(
                userID: request.uri.queryParameters["user_id"].map(String.init), limit: page.size, offset: page.offset)
            return page.envelope(found.items.map(AdminRendering.token), total: found.total)
        }
        api.post("token") { request, context in
            try await requireAdmin(request, context)
            let fields = try await fields(request)
            let userID = try fields.string("user_id", maxLength: 100)
            if let userID, try await users.find(id: userID) == nil { throw GatewayError.validation(field: "user_id", "no user has this id") }
            let limits = TokenStore.Limits(
                expiresAt: try fields.int("expires_at").map { Int64($0) * 1000 }, allowedModels: try Self.list(fields, "models"),
                allowedIPs: try Self.list(fields, "ips"), requestsPerMinute: try fields.int("rpm", range: 1...1_000_000), userID: userID)
            let created = try await tokens.create(
                name: try fields.string("name", required: true, maxLength: 200) ?? "",
                quotaMicros: try Self.dollars(fields, "quota", required: false),
                limits: limits)
            guard case .object(var token) = AdminRendering.token(created.token) else { throw GatewayError.internalError() }
            // The key itself, this once.
            token["key"] = .string(created.key)
            return CustomerSystemRoutes.envelope(.object(token))
        }
        // Replaces the limits it is given (`models`, `ips`, `rpm`, `expires_at`: null removes one), keeps the others.
        api.put("token/:id") { request, context in
            try await requireAdmin(request, context)
            let id = try context.parameters.require("id")
            guard let current = try await tokens.find(id: id) else { throw GatewayError.notFound("Token") }
            let fields = try await fields(request)
            let given = { (name: String) in fields.object[name] != nil }
            var limits = TokenStore.Limits(of: current)
            if given("expires_at") { limits.expiresAt = try fields.int("expires_at").map { Int64($0) * 1000 } }
            if given("models") { limits.allowedModels = try Self.list(fields, "models") }
            if given("ips") { limits.allowedIPs = try Self.list(fields, "ips") }
            if given("rpm") { limits.requestsPerMinute = try fields.int("rpm", range: 1...1_000_000) }
            guard
                let token = try await tokens.updateLimits(id: id, name: try fields.string("name", maxLength: 200) ?? current.name, limits: limits)
            else { throw GatewayError.notFound("Token") }
            return CustomerSystemRoutes.envelope(AdminRendering.token(token))
        }
        for (action, status) in [("enable", "active"), ("disable", "disabled")] {
            api.post(RouterPath("token/:id/\(action)")) { request, context in
                try await requireAdmin(request, context)
                let id = try context.parameters.require("id")
                guard try await tokens.setStatus(id: id, status: status), let token = try await tokens.find(id: id) else {
                    throw GatewayError.notFound("Token")
                }
                return CustomerSystemRoutes.envelope(AdminRendering.token(token))
            }
        }
        api.post("token/:id/revoke") { request, context in
            try await requireAdmin(request, context)
            let id = try context.parameters.require("id")
            guard try await tokens.revoke(id: id) else { throw GatewayError.notFound("Token") }
            return CustomerSystemRoutes.envelope(.null)
        }
        api.post("token/:id/topup") { request, context in
            try await requireAdmin(request, context)
            let fields = try await fields(request)
            let amount = try Self.dollars(fields, "amount") ?? 0
            let key = try Self.idempotencyKey(request, fields, context)
            guard let token = try await tokens.topUp(id: try context.parameters.require("id"), amountMicros: amount, idempotencyKey: key) else {
                throw GatewayError.notFound("Token")
            }
            return CustomerSystemRoutes.envelope(AdminRendering.token(token))
        }
    }
}
