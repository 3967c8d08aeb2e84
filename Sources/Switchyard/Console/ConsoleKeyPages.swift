import Foundation
import Hummingbird

/// Every key: list (by user), create, limits, top-up of a key's own quota, disable, enable, revoke. A key is shown
/// once, when it is made; the lists show its id and hint only.
extension ConsoleServices {
    func registerKeys(on console: RouterGroup<GatewayRequestContext>) {
        console.get("keys") { request, context in
            try await gate(request, context, role: .operator) { visit in
                views.response(try await keyList(visit, form: Self.keyForm(id: "create-key", action: "/console/keys")), visit: visit)
            }
        }
        console.post("keys") { request, context in
            try await gate(request, context, role: .operator) { visit in
                do {
                    let userID = try visit.form.text("user_id", maxLength: 100)
                    if let userID, try await users.find(id: userID) == nil { throw GatewayError.validation(field: "user_id", "no user has this id") }
                    let created = try await tokens.create(
                        name: try visit.form.text("name", required: true, maxLength: 200) ?? "", quotaMicros: try visit.form.dollars("quota"),
                        limits: try Self.limits(visit.form, userID: userID))
                    return keyCreatedPage(created, back: "/console/keys", visit: visit)
                } catch let error as GatewayError where error.status.code < 500 {
                    var form = Self.keyForm(id: "create-key", action: "/console/keys")
                    form.fields.insert(.init(name: "user_id", label: "User id"), at: 1)
                    form.refuse(error, values: visit.form.values)
                    return views.response(try await keyList(visit, form: form), visit: visit, status: error.status)
                }
            }
        }
        console.get("keys/:id") { request, context in
            try await gate(request, context, role: .operator) { visit in
                views.response(try keyPage(visit, token: try await token(visit)), visit: visit)
            }
        }
        console.post("keys/:id/limits") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let current = try await token(visit)
                do {
                    var limits = try Self.limits(visit.form, userID: current.userID)
                    limits.userID = current.userID
                    guard
                        try await tokens.updateLimits(
                            id: current.id, name: try visit.form.text("name", maxLength: 200) ?? current.name, limits: limits) != nil
                    else { throw GatewayError.notFound("Token") }
                    return Self.redirect("/console/keys/\(current.id)?done=key-saved")
                } catch let error as GatewayError where error.status.code < 500 && error.code != .notFound {
                    var forms = Self.keyForms(current)
                    forms["limits"]?.refuse(error, values: visit.form.values)
                    return views.response(try keyPage(visit, token: current, forms: forms), visit: visit, status: error.status)
                }
            }
        }
        console.post("keys/:id/topup") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let current = try await token(visit)
                do {
                    let amount = try visit.form.dollars("amount", required: true) ?? 0
                    let key = try visit.form.text("idempotency_key", maxLength: 200) ?? visit.context.requestID
                    guard try await tokens.topUp(id: current.id, amountMicros: amount, idempotencyKey: key) != nil else {
                        throw GatewayError.notFound("Token")
                    }
                    return Self.redirect("/console/keys/\(current.id)?done=topup")
                } catch let error as GatewayError where error.status.code < 500 && error.code != .notFound {
                    var forms = Self.keyForms(current)
                    forms["topup"]?.refuse(error, values: visit.form.values)
                    return views.response(try keyPage(visit, token: current, forms: forms), visit: visit, status: error.status)
                }
            }
        }
        for (action, status) in [("enable", "active"), ("disable", "disabled")] {
            console.post(RouterPath("keys/:id/\(action)")) { request, context in
                try await gate(request, context, role: .operator) { visit in
                    let id = try visit.parameter("id")
                    guard try await tokens.setStatus(id: id, status: status) else { throw GatewayError.notFound("Token") }
                    return Self.redirect("/console/keys/\(id)?done=key-\(action)d")
                }
            }
        }
        console.post("keys/:id/revoke") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let id = try visit.parameter("id")
                guard try await tokens.revoke(id: id) else { throw GatewayError.notFound("Token") }
                return Self.redirect("/console/keys/\(id)?done=key-revoked")
            }
        }
    }

    private func token(_ visit: ConsoleVisit) async throws -> Token {
        guard let token = try await tokens.find(id: try visit.parameter("id")) else { throw GatewayError.notFound("Token") }
        return token
    }

    private func keyList(_ visit: ConsoleVisit, form: ConsoleFormView) async throws -> ConsolePageView {
        let userID = visit.query["user_id"].flatMap { $0.isEmpty ? nil : $0 }
        var pager = ConsolePager(query: visit.query, base: "/console/keys" + (userID.map { "?user_id=\($0.addingPercentEncodingForQuery)" } ?? ""))
        let found = try await tokens.list(userID: userID, limit: pager.size, offset: pager.offset)
        pager = pager.with(hasNext: pager.offset + found.items.count < found.total)
        var list = ConsolePageView.Section("Keys", intro: "\(found.total) keys\(userID.map { " of user \($0)" } ?? "").")
        list.filter = ConsoleFormView(
            id: "filter", action: "/console/keys", submit: "Filter", fields: [.init(name: "user_id", label: "User id", value: userID ?? "")],
            method: "get")
        list.table = ConsoleTableView(columns: Self.keyColumns, rows: Self.keyRows(found.items, operatorView: true), empty: "No keys.", pager: pager)
        var create = ConsolePageView.Section("Create a key", intro: "A key of its own with a quota; a user's keys are made on the user's page.")
        var form = form
        if !form.fields.contains(where: { $0.name == "user_id" }) {
            form.fields.insert(.init(name: "user_id", label: "User id", hint: "Optional: the user whose balance it spends"), at: 1)
        }
        create.forms = [form]
        return ConsolePageView("Keys", sections: [list, create], notice: Self.notice(visit))
    }

    private static func keyForms(_ token: Token) -> [String: ConsoleFormView] {
        [
            "limits": ConsoleFormView(
                id: "limits", action: "/console/keys/\(token.id)/limits", submit: "Save limits", title: "Name and limits",
                fields: [.init(name: "name", label: "Key name", value: token.name, required: true)] + limitFields(token)),
            "topup": ConsoleFormView(
                id: "topup", action: "/console/keys/\(token.id)/topup", submit: "Top up", title: "Top up the key's own quota",
                fields: [.init(name: "amount", label: "Amount (USD)", hint: "e.g. 10.00", required: true)], idempotent: true),
        ]
    }

    private func keyPage(_ visit: ConsoleVisit, token: Token, forms: [String: ConsoleFormView]? = nil) throws -> ConsolePageView {
        let forms = forms ?? Self.keyForms(token)
        var summary = ConsolePageView.Section("Key")
        summary.table = ConsoleTableView(columns: Self.keyColumns, rows: Self.keyRows([token], operatorView: true))
        summary.facts = [
            ("User", token.userID ?? "none"), ("Created", Self.timeLabel(token.createdAt)),
            ("Held", "$" + Money.format(token.heldMicros)),
        ]
        var edit = ConsolePageView.Section("Change")
        edit.forms = [forms["limits"], token.quotaMicros == nil ? nil : forms["topup"]].compactMap { $0 }
        var activity = ConsolePageView.Section("Activity")
        activity.links = [
            ("Usage log of this key", "/console/logs?token_id=\(token.id)"), ("Tasks of this key", "/console/tasks?token_id=\(token.id)"),
        ]
        return ConsolePageView(token.name, sections: [summary, edit, activity], notice: Self.notice(visit))
    }
}

extension String {
    /// The string made safe as one query parameter's value.
    var addingPercentEncodingForQuery: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
