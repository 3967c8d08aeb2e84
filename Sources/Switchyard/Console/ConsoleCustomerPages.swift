import Hummingbird
import SQLKit

/// A customer's own pages: balance and spend over time, their keys (create with limits, revoke; a new key shown
/// once), their usage log, and their tasks with the results shown inline. A customer sees only what their own
/// keys did: their user's keys, or the one key they signed in with when it belongs to no user.
extension ConsoleServices {
    func registerCustomerPages(on console: RouterGroup<GatewayRequestContext>) {
        console.get("me") { request, context in
            try await gate(request, context, role: nil) { visit in views.response(try await overview(visit), visit: visit) }
        }
        console.get("me/keys") { request, context in
            try await gate(request, context, role: nil) { visit in
                views.response(
                    try await ownKeys(visit, form: Self.keyForm(id: "create-key", action: "/console/me/keys", withQuota: true)), visit: visit)
            }
        }
        console.post("me/keys") { request, context in
            try await gate(request, context, role: nil) { visit in
                guard let user = visit.user else {
                    return refused("Your key belongs to no account, so it cannot make other keys. Ask your operator.", visit: visit)
                }
                do {
                    let created = try await tokens.create(
                        name: try visit.form.text("name", required: true, maxLength: 200) ?? "", quotaMicros: try visit.form.dollars("quota"),
                        limits: try Self.limits(visit.form, userID: user.id))
                    return keyCreatedPage(created, back: "/console/me/keys", visit: visit)
                } catch let error as GatewayError where error.status.code < 500 {
                    var form = Self.keyForm(id: "create-key", action: "/console/me/keys", withQuota: true)
                    form.refuse(error, values: visit.form.values)
                    return views.response(try await ownKeys(visit, form: form), visit: visit, status: error.status)
                }
            }
        }
        console.post("me/keys/:id/revoke") { request, context in
            try await gate(request, context, role: nil) { visit in
                let id = try visit.parameter("id")
                // Only the customer's own keys: another's is "not found", as the API answers.
                guard let token = try await tokens.find(id: id), Self.owns(visit, token) else { throw GatewayError.notFound("Key") }
                guard try await tokens.revoke(id: token.id) else { throw GatewayError.notFound("Key") }
                return Self.redirect(token.id == visit.token.id ? "/console/sign-in?ended=1" : "/console/me/keys?done=key-revoked")
            }
        }
        console.get("me/usage") { request, context in
            try await gate(request, context, role: nil) { visit in
                let (asked, form) = try Self.activityFilter(visit, action: "/console/me/usage", fields: ["model", "family"])
                let filter = Self.restricted(asked, to: visit)
                var pager = ConsolePager(query: visit.query, base: Self.filterBase("/console/me/usage", visit))
                let calls = try await ConsoleActivityQueries.calls(database: database, filter, limit: pager.size + 1, offset: pager.offset)
                pager = pager.with(hasNext: calls.count > pager.size)
                var section = ConsolePageView.Section("Usage log", intro: "Your calls, newest first; generations are on the Tasks page.")
                section.filter = form
                section.table = ConsoleTableView(
                    columns: ["Time (UTC)", "Key", "Family", "Model", "Channel", "Tokens in · out", "Cost", "Latency", "Status"],
                    rows: calls.prefix(pager.size).map(Self.callRow), empty: "No calls yet.", pager: pager)
                return views.response(ConsolePageView("Usage", sections: [section]), visit: visit)
            }
        }
        console.get("me/tasks") { request, context in
            try await gate(request, context, role: nil) { visit in
                let (asked, form) = try Self.activityFilter(visit, action: "/console/me/tasks", fields: ["family", "state"])
                let filter = Self.restricted(asked, to: visit)
                var pager = ConsolePager(query: visit.query, size: 10, base: Self.filterBase("/console/me/tasks", visit))
                let tasks = try await ConsoleActivityQueries.tasks(
                    database: database, filter, limit: pager.size + 1, offset: pager.offset, withViews: true)
                pager = pager.with(hasNext: tasks.count > pager.size)
                var section = ConsolePageView.Section("Tasks", intro: "Your generations, newest first, with their results.")
                section.filter = form
                section.table = ConsoleTableView(
                    columns: ["Started (UTC)", "Task", "Model", "State", "Charged", "Result"],
                    rows: tasks.prefix(pager.size).map { task -> [ConsoleTableView.Cell] in
                        var result = ConsoleTableView.Cell(task.failureReason ?? "")
                        if task.state == "succeeded" {
                            result.media = task.view.flatMap { JSONValue.parse($0.utf8) }.map { ConsoleMedia.results(in: $0) } ?? []
                        }
                        return [
                            .init(Self.timeLabel(task.createdAt)), .init(task.id, mono: true), .init("\(task.family) · \(task.model)"),
                            .init(task.state, badge: Self.stateBadge(task.state)),
                            .init(task.chargedMicros.map { "$" + Money.format($0) } ?? "held $" + Money.format(task.priceMicros), mono: true), result,
                        ]
                    }, empty: "No tasks yet.", pager: pager)
                return views.response(ConsolePageView("Tasks", sections: [section]), visit: visit)
            }
        }
    }

    /// Narrows a listing to the customer's own keys.
    static func restricted(_ asked: ConsoleActivityQueries.Filter, to visit: ConsoleVisit) -> ConsoleActivityQueries.Filter {
        var filter = asked
        if let user = visit.user {
            filter.userID = user.id
            filter.tokenID = nil
        } else {
            filter.userID = nil
            filter.tokenID = visit.token.id
        }
        return filter
    }

    static func owns(_ visit: ConsoleVisit, _ token: Token) -> Bool {
        if let user = visit.user { return token.userID == user.id }
        return token.id == visit.token.id
    }

    private func overview(_ visit: ConsoleVisit) async throws -> ConsolePageView {
        let now = clock.nowMillis()
        let day: Int64 = 86_400_000
        let chartStart = (now / day - 29) * day
        let spend = try await spendByDay(visit, start: chartStart)
        let monthStart = Self.monthStart(now)
        var balance = ConsolePageView.Section("Balance")
        let spendable = visit.user.map { $0.balanceMicros } ?? visit.token.remainingMicros
        balance.stats = [
            ("Balance", spendable.map { "$" + Money.format($0) } ?? "unlimited", visit.user == nil ? "this key's quota" : "your account"),
            ("Spent this month", "$" + Money.format(spend.filter { $0.key * day >= monthStart }.values.reduce(0, Money.saturatingAdd)), nil),
            ("Spent in 30 days", "$" + Money.format(spend.values.reduce(0, Money.saturatingAdd)), nil),
            ("Held", "$" + Money.format(visit.user?.heldMicros ?? visit.token.heldMicros), "reserved by running calls"),
        ]
        balance.charts = [
            ConsoleChart.bars(
                title: "Spend per day",
                points: (0..<30).map { offset in
                    let index = chartStart / day + Int64(offset)
                    return ConsoleChart.Point(label: Self.dayLabel(index * day), value: Double(spend[index] ?? 0) / 1_000_000)
                }, format: Self.dollarsLabel)
        ]
        balance.facts = [("Signed in with", "\(visit.token.name) (\(visit.token.keyHint))")]
        if let user = visit.user { balance.facts += [("Account", user.name), ("Group", user.group)] }
        return ConsolePageView("Overview", sections: [balance])
    }

    /// What the customer's keys were charged each day (days since 1970 → micro-dollars): calls and finished tasks.
    private func spendByDay(_ visit: ConsoleVisit, start: Int64) async throws -> [Int64: Int64] {
        let userID = visit.user?.id
        let tokenID = visit.user == nil ? visit.token.id : nil
        var days: [Int64: Int64] = [:]
        for row in try await database.read.raw(
            """
            SELECT created_at / 86400000 AS day, CAST(SUM(amount_micros) AS BIGINT) AS spent FROM ledger_entries
            WHERE kind IN ('settle', 'charge') AND created_at >= \(bind: start)
            AND token_id IN (SELECT id FROM tokens WHERE (CAST(\(bind: userID) AS TEXT) IS NOT NULL AND user_id = \(bind: userID)) OR id = \(bind: tokenID))
            GROUP BY created_at / 86400000
            """
        ).all() {
            days[try row.decode(column: "day", as: Int64.self)] = try row.decode(column: "spent", as: Int64?.self) ?? 0
        }
        return days
    }

    private func ownKeys(_ visit: ConsoleVisit, form: ConsoleFormView) async throws -> ConsolePageView {
        var list = ConsolePageView.Section("Your keys")
        var pager = ConsolePager(query: visit.query, base: "/console/me/keys")
        if let user = visit.user {
            let found = try await tokens.list(userID: user.id, limit: pager.size, offset: pager.offset)
            pager = pager.with(hasNext: pager.offset + found.items.count < found.total)
            list.intro = "\(found.total) keys. They all spend your account's balance."
            list.table = ConsoleTableView(
                columns: Self.keyColumns, rows: Self.keyRows(found.items, operatorView: false), empty: "No keys.", pager: pager)
        } else {
            list.intro = "This key belongs to no account: it is the only one you can see."
            list.table = ConsoleTableView(columns: Self.keyColumns, rows: Self.keyRows([visit.token], operatorView: false))
        }
        var sections = [list]
        if visit.user != nil {
            var create = ConsolePageView.Section("Create a key", intro: "A quota caps what this key may spend of your balance.")
            create.forms = [form]
            sections.append(create)
        }
        return ConsolePageView("Keys", sections: sections, notice: Self.notice(visit))
    }
}
