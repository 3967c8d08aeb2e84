import Hummingbird

/// The tasks whose submission's outcome is unknown, held until an operator decides: refund the hold when the
/// upstream never made it, or attach the upstream's id when it did (the task is then polled as usual).
extension ConsoleServices {
    func registerReconciliation(on console: RouterGroup<GatewayRequestContext>) {
        console.get("reconciliation") { request, context in
            try await gate(request, context, role: .operator) { visit in
                views.response(try await reconciliationList(visit), visit: visit)
            }
        }
        console.post("reconciliation/:id") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let id = try visit.parameter("id")
                guard let task = try await engine.store.find(id: id) else { throw GatewayError.notFound("Task") }
                do {
                    let decision: TaskEngine.Reconciliation
                    switch try visit.form.text("action", required: true, allowed: ["refund", "attach"]) {
                    case "attach":
                        decision = .attach(
                            upstreamID: try visit.form.text("upstream_id", required: true, maxLength: 200) ?? "",
                            channelID: Int64(try visit.form.integer("channel_id", range: 1...Int(Int32.max)) ?? 0))
                    default:
                        decision = .refund
                    }
                    _ = try await engine.reconcile(taskID: task.id, decision, logger: visit.context.logger)
                    return Self.redirect("/console/reconciliation?done=reconciled")
                } catch let error as GatewayError where error.status.code < 500 && error.code != .notFound {
                    var page = try await reconciliationList(visit)
                    page.problem = "Task \(task.id): \(error.message)"
                    return views.response(page, visit: visit, status: error.status)
                }
            }
        }
    }

    private func reconciliationList(_ visit: ConsoleVisit) async throws -> ConsolePageView {
        var pager = ConsolePager(query: visit.query, base: "/console/reconciliation")
        let tasks = try await engine.store.awaitingReconciliation(limit: pager.size + 1, offset: pager.offset)
        pager = pager.with(hasNext: tasks.count > pager.size)
        var sections = tasks.prefix(pager.size).map(reconciliationSection)
        if sections.isEmpty {
            var empty = ConsolePageView.Section("Queue")
            empty.intro = "No task is waiting for a decision."
            sections = [empty]
        }
        if pager.number > 1 || pager.hasNext {
            var pages = ConsolePageView.Section("More")
            pages.table = ConsoleTableView(columns: [], pager: pager)
            sections.append(pages)
        }
        return ConsolePageView("Reconciliation", sections: Array(sections), notice: Self.notice(visit))
    }

    /// One held task with its two decisions.
    func reconciliationSection(_ task: TaskRecord) -> ConsolePageView.Section {
        var section = ConsolePageView.Section(
            "Task \(task.id)", intro: "The upstream's answer to its submission never arrived: did the upstream make it?")
        section.facts = [
            ("Family · action", "\(task.family) · \(task.action)"), ("Model", task.model), ("Key", task.tokenID),
            ("Held", "$" + Money.format(task.priceMicros)), ("Channel", task.channelID.map { "#\($0)" } ?? "–"),
            ("Submitted", Self.timeLabel(task.createdAt)),
        ]
        var refund = ConsoleFormView(
            id: "refund-\(task.id)", action: "/console/reconciliation/\(task.id)", submit: "Refund: it was never made", danger: true)
        refund.fields = [.init(name: "action", label: "Decision", kind: .hidden, value: "refund")]
        var attach = ConsoleFormView(
            id: "attach-\(task.id)", action: "/console/reconciliation/\(task.id)", submit: "Attach the upstream's id", title: "It was made")
        attach.fields = [
            .init(name: "action", label: "Decision", kind: .hidden, value: "attach"),
            .init(name: "upstream_id", label: "Upstream id", hint: "As the provider's dashboard shows it", required: true),
            .init(name: "channel_id", label: "Channel id", kind: .number, value: task.channelID.map { String($0) } ?? "", required: true),
        ]
        section.forms = [refund, attach]
        return section
    }
}
