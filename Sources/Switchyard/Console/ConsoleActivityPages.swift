import Foundation
import Hummingbird

/// Everyone's usage log and tasks, filtered by user, key, model, family, state and time and paginated on the
/// server; a task's page shows its details, its money history and its callbacks.
extension ConsoleServices {
    func registerActivity(on console: RouterGroup<GatewayRequestContext>) {
        console.get("logs") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let (filter, form) = try Self.activityFilter(visit, action: "/console/logs", fields: ["user_id", "token_id", "model", "family"])
                var pager = ConsolePager(query: visit.query, base: Self.filterBase("/console/logs", visit))
                let calls = try await ConsoleActivityQueries.calls(database: database, filter, limit: pager.size + 1, offset: pager.offset)
                pager = pager.with(hasNext: calls.count > pager.size)
                var section = ConsolePageView.Section("Usage log", intro: "Synchronous calls, newest first; tasks are on the Tasks page.")
                section.filter = form
                section.table = ConsoleTableView(
                    columns: ["Time (UTC)", "Key", "Family", "Model", "Channel", "Tokens in · out", "Cost", "Latency", "Status"],
                    rows: calls.prefix(pager.size).map(Self.callRow), empty: "No calls match.", pager: pager)
                return views.response(ConsolePageView("Logs", sections: [section]), visit: visit)
            }
        }
        console.get("tasks") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let (filter, form) = try Self.activityFilter(
                    visit, action: "/console/tasks", fields: ["user_id", "token_id", "model", "family", "state"])
                var pager = ConsolePager(query: visit.query, base: Self.filterBase("/console/tasks", visit))
                let tasks = try await ConsoleActivityQueries.tasks(database: database, filter, limit: pager.size + 1, offset: pager.offset)
                pager = pager.with(hasNext: tasks.count > pager.size)
                var section = ConsolePageView.Section("Tasks", intro: "Asynchronous work (generations, songs, videos), newest first.")
                section.filter = form
                section.table = ConsoleTableView(
                    columns: ["Started (UTC)", "Task", "Key", "Family", "Model", "State", "Held", "Charged"],
                    rows: tasks.prefix(pager.size).map { task in
                        [
                            .init(Self.timeLabel(task.createdAt)), .init(task.id, href: "/console/tasks/\(task.id)"), .init(task.tokenID, mono: true),
                            .init("\(task.family) · \(task.action)"), .init(task.model), .init(task.state, badge: Self.stateBadge(task.state)),
                            .init("$" + Money.format(task.priceMicros), mono: true),
                            .init(task.chargedMicros.map { "$" + Money.format($0) } ?? "–", mono: true),
                        ]
                    }, empty: "No tasks match.", pager: pager)
                return views.response(ConsolePageView("Tasks", sections: [section]), visit: visit)
            }
        }
        console.get("tasks/:id") { request, context in
            try await gate(request, context, role: .operator) { visit in
                guard let task = try await engine.store.find(id: try visit.parameter("id")) else { throw GatewayError.notFound("Task") }
                return views.response(try await taskPage(task), visit: visit)
            }
        }
    }

    private func taskPage(_ task: TaskRecord) async throws -> ConsolePageView {
        var details = ConsolePageView.Section("Details")
        details.facts = [
            ("Id", task.id), ("Family · action", "\(task.family) · \(task.action)"), ("Model", task.model), ("Key", task.tokenID),
            ("State", task.state.rawValue + (task.isAwaitingReconciliation ? " (awaiting reconciliation)" : "")),
            ("Upstream status", task.upstreamStatus ?? "–"), ("Channel", task.channelID.map { "#\($0)" } ?? "–"),
            ("Upstream id", task.upstreamID ?? "–"),
            ("Held", "$" + Money.format(task.priceMicros)), ("Polls", String(task.pollAttempts)), ("Created", Self.timeLabel(task.createdAt)),
            ("Updated", Self.timeLabel(task.updatedAt)), ("Finished", task.finishedAt.map(Self.timeLabel) ?? "–"),
        ]
        if let reason = task.failureReason { details.facts.append(("Failure", reason)) }
        let view = task.view.flatMap { JSONValue.parse($0.utf8) }
        details.media = view.map { ConsoleMedia.results(in: $0) } ?? []
        var history = ConsolePageView.Section("History", intro: "Every balance change that names this task, in order.")
        history.table = ConsoleTableView(
            columns: ["Time (UTC)", "Entry", "Amount", "Detail"],
            rows: try await ConsoleActivityQueries.ledger(database: database, reference: task.id).map {
                [.init(Self.timeLabel($0.createdAt)), .init($0.kind), .init("$" + Money.format($0.amountMicros), mono: true), .init($0.detail ?? "")]
            }, empty: "No balance changes yet.")
        var callbacks = ConsolePageView.Section("Callbacks")
        callbacks.table = ConsoleTableView(
            columns: ["Queued (UTC)", "URL", "State", "Attempts", "Last error"],
            rows: try await ConsoleActivityQueries.callbacks(database: database, taskID: task.id).map {
                [
                    .init(Self.timeLabel($0.createdAt)), .init(Self.withoutQuery($0.url), mono: true),
                    .init($0.state, badge: $0.state == "delivered" ? "ok" : "warn"),
                    .init(String($0.attempts)), .init($0.lastError ?? ""),
                ]
            }, empty: task.callbackURL == nil ? "This task has no callback URL." : "No callback sent yet.")
        // The callback URL's query is hidden wherever the task echoes it, as in the table above.
        let hidden = task.callbackURL.map { [$0: Self.withoutQuery($0)] } ?? [:]
        var request = ConsolePageView.Section("Request")
        request.code = Self.pretty(task.request.replacingStrings(hidden))
        var answer = ConsolePageView.Section("Customer's view")
        answer.code = view.map { Self.pretty($0.replacingStrings(hidden)) } ?? "Not rendered yet."
        var sections = [details, history, callbacks, request, answer]
        if task.isAwaitingReconciliation { sections.insert(reconciliationSection(task), at: 1) }
        return ConsolePageView("Task \(task.id)", sections: sections)
    }

    /// A URL without its query, which may carry the customer's own secret.
    static func withoutQuery(_ url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return url }
        return url[..<mark] + "?…"
    }

    /// A JSON value indented for reading.
    static func pretty(_ value: JSONValue) -> String {
        let compact = value.encoded()
        guard let object = try? JSONSerialization.jsonObject(with: Data(compact.utf8), options: [.fragmentsAllowed]),
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return compact }
        return String(decoding: data, as: UTF8.self)
    }

    static func stateBadge(_ state: String) -> String {
        switch state {
        case "succeeded": "ok"
        case "failed": "bad"
        default: "warn"
        }
    }

    static func callRow(_ call: ConsoleActivityQueries.Call) -> [ConsoleTableView.Cell] {
        [
            .init(timeLabel(call.createdAt)), .init(call.tokenID, mono: true), .init(call.family), .init(call.model),
            .init(call.channelID.map { "#\($0)" } ?? "–"), .init("\(call.inputTokens) · \(call.outputTokens)"),
            .init("$" + Money.format(call.costMicros), mono: true), .init("\(call.latencyMillis) ms"),
            .init(String(call.status), badge: call.status < 400 ? "ok" : "bad"),
        ]
    }

    /// The filter a listing's query asks for, and its form showing the same values. `fields` names which of
    /// user_id, token_id, model, family and state the listing offers; every listing offers dates.
    static func activityFilter(_ visit: ConsoleVisit, action: String, fields: [String]) throws -> (ConsoleActivityQueries.Filter, ConsoleFormView) {
        let query = ConsoleFormInput(values: visit.query)
        var filter = ConsoleActivityQueries.Filter()
        var form = ConsoleFormView(id: "filter", action: action, submit: "Filter", method: "get")
        let labels = ["user_id": "User id", "token_id": "Key id", "model": "Model", "family": "Family", "state": "State"]
        do {
            for name in fields {
                let value = try query.text(name, maxLength: 200, allowed: name == "state" ? TaskState.allCases.map(\.rawValue) : nil)
                switch name {
                case "user_id": filter.userID = value
                case "token_id": filter.tokenID = value
                case "model": filter.model = value
                case "family": filter.family = value
                default: filter.state = value
                }
                if name == "state" || name == "family" {
                    let choices = name == "state" ? TaskState.allCases.map(\.rawValue) : FamilyModules.channelFamilies
                    form.fields.append(
                        .init(
                            name: name, label: labels[name] ?? name, kind: .select, value: value ?? "",
                            options: [(value: "", label: "Any")] + choices.map { (value: $0, label: $0) }))
                } else {
                    form.fields.append(.init(name: name, label: labels[name] ?? name, value: value ?? ""))
                }
            }
            form.fields.append(.init(name: "from", label: "From (UTC)", kind: .date, value: query.values["from"] ?? ""))
            form.fields.append(.init(name: "to", label: "To (UTC, inclusive)", kind: .date, value: query.values["to"] ?? ""))
            filter.start = try query.day("from") ?? 0
            filter.end = try query.day("to").map { $0 + 86_400_000 } ?? .max / 2
        } catch let error as GatewayError {
            // A filter that does not read is shown next to its field; the page lists with the filters that did.
            form.refuse(error, values: visit.query)
        }
        return (filter, form)
    }

    /// The listing's path with its current filters, for the pager's links.
    static func filterBase(_ path: String, _ visit: ConsoleVisit) -> String {
        let kept = visit.query.filter { $0.key != "page" && $0.key != "done" && !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !kept.isEmpty else { return path }
        return path + "?" + kept.map { "\($0.key.addingPercentEncodingForQuery)=\($0.value.addingPercentEncodingForQuery)" }.joined(separator: "&")
    }
}
