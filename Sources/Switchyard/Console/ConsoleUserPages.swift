import Hummingbird

/// Users and groups: create, top up (with an idempotency key, so a repeated submission counts once), adjust,
/// disable, limits, and the user's keys. Every change goes through the stores the admin API calls.
extension ConsoleServices {
    func registerUsers(on console: RouterGroup<GatewayRequestContext>) {
        console.get("users") { request, context in
            try await gate(request, context, role: .operator) { visit in
                views.response(try await userList(visit, createForm: try await userForm(), groupForm: Self.groupForm()), visit: visit)
            }
        }
        console.post("users") { request, context in
            try await gate(request, context, role: .operator) { visit in
                do {
                    let form = visit.form
                    let user = try await users.create(
                        name: try form.text("name", required: true, maxLength: 200) ?? "",
                        role: try form.text("role", allowed: ["customer", "admin"]) ?? "customer",
                        group: try form.text("group", maxLength: 100) ?? "default",
                        requestsPerMinute: try form.integer("rpm", range: 1...1_000_000))
                    return Self.redirect("/console/users/\(user.id)?done=user-created")
                } catch let error as GatewayError where error.status.code < 500 {
                    var form = try await userForm()
                    form.refuse(error, values: visit.form.values)
                    return views.response(
                        try await userList(visit, createForm: form, groupForm: Self.groupForm()), visit: visit, status: error.status)
                }
            }
        }
        console.post("groups") { request, context in
            try await gate(request, context, role: .operator) { visit in
                do {
                    _ = try await groups.set(
                        name: try visit.form.text("name", required: true, maxLength: 100) ?? "",
                        multiplier: try visit.form.text("multiplier", required: true, maxLength: 20) ?? "")
                    return Self.redirect("/console/users?done=group-saved")
                } catch let error as GatewayError where error.status.code < 500 {
                    var form = Self.groupForm()
                    form.refuse(error, values: visit.form.values)
                    return views.response(
                        try await userList(visit, createForm: try await userForm(), groupForm: form), visit: visit, status: error.status)
                }
            }
        }
        console.get("users/:id") { request, context in
            try await gate(request, context, role: .operator) { visit in
                views.response(try await userPage(visit, user: try await user(visit)), visit: visit)
            }
        }
        for (action, kind) in [("topup", Ledger.Credit.topup), ("adjust", .adjustment)] {
            console.post(RouterPath("users/:id/\(action)")) { request, context in
                try await gate(request, context, role: .operator) { visit in
                    let user = try await user(visit)
                    do {
                        let amount = try visit.form.dollars("amount", required: true, signed: kind == .adjustment) ?? 0
                        let note = try visit.form.text("note", required: kind == .adjustment, maxLength: 500)
                        // The form's own random key: the same submission sent twice credits once, as with the API's header.
                        let key = try visit.form.text("idempotency_key", maxLength: 200) ?? visit.context.requestID
                        guard try await users.credit(id: user.id, kind: kind, amountMicros: amount, idempotencyKey: key, note: note) != nil else {
                            throw GatewayError.notFound("User")
                        }
                        return Self.redirect("/console/users/\(user.id)?done=\(kind == .topup ? "topup" : "adjusted")")
                    } catch let error as GatewayError where error.status.code < 500 && error.code != .notFound {
                        var forms = try await userForms(user)
                        forms[action]?.refuse(error, values: visit.form.values)
                        return views.response(try await userPage(visit, user: user, forms: forms), visit: visit, status: error.status)
                    }
                }
            }
        }
        console.post("users/:id") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let user = try await user(visit)
                do {
                    // An empty rate removes the limit, as 0 does in the admin API.
                    let rpm = try visit.form.integer("rpm", range: 1...1_000_000)
                    guard
                        try await users.update(
                            id: user.id, status: try visit.form.text("status", allowed: ["active", "disabled"]),
                            group: try visit.form.text("group", maxLength: 100), requestsPerMinute: .some(rpm)) != nil
                    else { throw GatewayError.notFound("User") }
                    return Self.redirect("/console/users/\(user.id)?done=user-saved")
                } catch let error as GatewayError where error.status.code < 500 && error.code != .notFound {
                    var forms = try await userForms(user)
                    forms["settings"]?.refuse(error, values: visit.form.values)
                    return views.response(try await userPage(visit, user: user, forms: forms), visit: visit, status: error.status)
                }
            }
        }
        console.post("users/:id/keys") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let user = try await user(visit)
                do {
                    let created = try await tokens.create(
                        name: try visit.form.text("name", required: true, maxLength: 200) ?? "", quotaMicros: try visit.form.dollars("quota"),
                        limits: try Self.limits(visit.form, userID: user.id))
                    return keyCreatedPage(created, back: "/console/users/\(user.id)", visit: visit)
                } catch let error as GatewayError where error.status.code < 500 {
                    var forms = try await userForms(user)
                    forms["key"]?.refuse(error, values: visit.form.values)
                    return views.response(try await userPage(visit, user: user, forms: forms), visit: visit, status: error.status)
                }
            }
        }
    }

    private func user(_ visit: ConsoleVisit) async throws -> UserStore.User {
        guard let user = try await users.find(id: try visit.parameter("id")) else { throw GatewayError.notFound("User") }
        return user
    }

    private func userList(_ visit: ConsoleVisit, createForm: ConsoleFormView, groupForm: ConsoleFormView) async throws -> ConsolePageView {
        var pager = ConsolePager(query: visit.query, base: "/console/users")
        let found = try await users.list(limit: pager.size, offset: pager.offset)
        pager = pager.with(hasNext: pager.offset + found.items.count < found.total)
        var list = ConsolePageView.Section("Users", intro: "\(found.total) users. A user's keys spend the user's balance.")
        list.table = ConsoleTableView(
            columns: ["Name", "Role", "Status", "Group", "Balance", "Used", "Requests/min"],
            rows: found.items.map { user in
                [
                    .init(user.name, href: "/console/users/\(user.id)"), .init(user.role),
                    .init(user.status, badge: user.status == "active" ? "ok" : "bad"),
                    .init(user.group), .init(user.balanceMicros.map { "$" + Money.format($0) } ?? "unlimited", mono: true),
                    .init("$" + Money.format(user.usedMicros), mono: true), .init(user.requestsPerMinute.map { String($0) } ?? "no limit"),
                ]
            }, empty: "No users yet.", pager: pager)
        var create = ConsolePageView.Section("Create a user")
        create.forms = [createForm]
        var groupSection = ConsolePageView.Section("Groups", intro: "A group's multiplier scales every price its users pay.")
        groupSection.table = ConsoleTableView(
            columns: ["Group", "Multiplier"], rows: try await groups.list().map { [.init($0.name), .init($0.multiplier, mono: true)] })
        groupSection.forms = [groupForm]
        return ConsolePageView("Users and groups", sections: [list, create, groupSection], notice: Self.notice(visit))
    }

    private func userForm() async throws -> ConsoleFormView {
        ConsoleFormView(
            id: "create-user", action: "/console/users", submit: "Create user",
            fields: [
                .init(name: "name", label: "Name", required: true),
                .init(
                    name: "role", label: "Role", kind: .select, value: "customer", options: [("customer", "Customer"), ("admin", "Operator (admin)")]),
                .init(
                    name: "group", label: "Group", kind: .select, value: "default",
                    options: try await groups.list().map { (value: $0.name, label: $0.name) }),
                .init(name: "rpm", label: "Requests per minute", kind: .number, hint: "Empty: no limit"),
            ])
    }

    private static func groupForm() -> ConsoleFormView {
        ConsoleFormView(
            id: "group", action: "/console/groups", submit: "Save group", title: "Add or change a group",
            fields: [
                .init(name: "name", label: "Group name", required: true),
                .init(name: "multiplier", label: "Price multiplier", hint: "e.g. 0.8 for 20% off", required: true),
            ])
    }

    /// The forms of a user's page, by name, so a refused one can be shown with its problem.
    private func userForms(_ user: UserStore.User) async throws -> [String: ConsoleFormView] {
        let groupNames = try await groups.list().map { (value: $0.name, label: $0.name) }
        return [
            "topup": ConsoleFormView(
                id: "topup", action: "/console/users/\(user.id)/topup", submit: "Top up", title: "Top up",
                fields: [
                    .init(name: "amount", label: "Amount (USD)", hint: "e.g. 25.00", required: true), .init(name: "note", label: "Note"),
                ], idempotent: true),
            "adjust": ConsoleFormView(
                id: "adjust", action: "/console/users/\(user.id)/adjust", submit: "Adjust", title: "Adjust (either sign)",
                fields: [
                    .init(name: "amount", label: "Amount (USD)", hint: "e.g. -2.50", required: true),
                    .init(name: "note", label: "Reason", required: true),
                ], idempotent: true),
            "settings": ConsoleFormView(
                id: "settings", action: "/console/users/\(user.id)", submit: "Save", title: "Status and limits",
                fields: [
                    .init(
                        name: "status", label: "Status", kind: .select, value: user.status, options: [("active", "Active"), ("disabled", "Disabled")]),
                    .init(name: "group", label: "Group", kind: .select, value: user.group, options: groupNames),
                    .init(
                        name: "rpm", label: "Requests per minute", kind: .number, value: user.requestsPerMinute.map { String($0) } ?? "",
                        hint: "Empty: no limit"),
                ]),
            "key": Self.keyForm(id: "create-key", action: "/console/users/\(user.id)/keys"),
        ]
    }

    private func userPage(_ visit: ConsoleVisit, user: UserStore.User, forms: [String: ConsoleFormView]? = nil) async throws -> ConsolePageView {
        let shown: [String: ConsoleFormView]
        if let forms { shown = forms } else { shown = try await userForms(user) }
        var summary = ConsolePageView.Section("Account")
        summary.stats = [
            (
                "Balance", user.balanceMicros.map { "$" + Money.format($0) } ?? "unlimited",
                user.quotaMicros.map { "of $" + Money.format($0) + " credited" }
            ),
            ("Used", "$" + Money.format(user.usedMicros), nil), ("Held", "$" + Money.format(user.heldMicros), "reserved by running calls"),
        ]
        summary.facts = [
            ("Id", user.id), ("Role", user.role), ("Status", user.status), ("Group", user.group),
            ("Requests per minute", user.requestsPerMinute.map { String($0) } ?? "no limit"), ("Created", Self.timeLabel(user.createdAt)),
        ]
        var money = ConsolePageView.Section("Balance")
        money.forms = [shown["topup"], shown["adjust"]].compactMap { $0 }
        var settings = ConsolePageView.Section("Settings")
        settings.forms = [shown["settings"]].compactMap { $0 }
        let keys = try await tokens.list(userID: user.id, limit: 100)
        var keySection = ConsolePageView.Section("Keys", intro: "\(keys.total) keys.")
        keySection.table = ConsoleTableView(columns: Self.keyColumns, rows: Self.keyRows(keys.items, operatorView: true), empty: "No keys yet.")
        keySection.forms = [shown["key"]].compactMap { $0 }
        return ConsolePageView(user.name, sections: [summary, money, settings, keySection], notice: Self.notice(visit))
    }
}
