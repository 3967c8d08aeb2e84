import Hummingbird

/// Upstream channels: the list with health and recent failures, add, edit, a live test against the upstream
/// with its answer shown, enable and disable. A channel's key and secret are never shown after they are saved.
extension ConsoleServices {
    func registerChannels(on console: RouterGroup<GatewayRequestContext>) {
        console.get("channels") { request, context in
            try await gate(request, context, role: .operator) { visit in
                views.response(try await channelList(addForm: Self.channelForm(nil), notice: Self.notice(visit)), visit: visit)
            }
        }
        console.post("channels") { request, context in
            try await gate(request, context, role: .operator) { visit in
                do {
                    let channel = try await channels.add(try Self.newChannel(visit.form, current: nil))
                    return Self.redirect("/console/channels/\(channel.id)?done=channel-added")
                } catch let error as GatewayError where error.status.code < 500 {
                    var form = Self.channelForm(nil)
                    form.refuse(error, values: visit.form.values)
                    return views.response(try await channelList(addForm: form, notice: nil), visit: visit, status: error.status)
                }
            }
        }
        console.get("channels/:id") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let channel = try await channel(visit)
                return views.response(channelPage(channel, form: Self.channelForm(channel), notice: Self.notice(visit)), visit: visit)
            }
        }
        console.post("channels/:id") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let current = try await channel(visit)
                do {
                    guard let edited = try await channels.update(id: current.id, to: try Self.newChannel(visit.form, current: current)) else {
                        throw GatewayError.notFound("Channel")
                    }
                    return Self.redirect("/console/channels/\(edited.id)?done=channel-saved")
                } catch let error as GatewayError where error.status.code < 500 && error.code != .notFound {
                    var form = Self.channelForm(current)
                    form.refuse(error, values: visit.form.values)
                    return views.response(channelPage(current, form: form, notice: nil), visit: visit, status: error.status)
                }
            }
        }
        console.post("channels/:id/test") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let channel = try await channel(visit)
                let started = ContinuousClock.now
                let outcome = await probe.test(channel)
                let elapsed = ContinuousClock.now - started
                let millis = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
                var test = ConsolePageView.Section("Test result", intro: "The upstream's answer to the family's probe request, just now.")
                test.facts = [
                    ("Reachable", outcome.success ? "yes" : "no"), ("Upstream status", outcome.status.map { String($0) } ?? "no answer"),
                    ("Latency", "\(millis) ms"),
                ]
                var page = channelPage(channel, form: Self.channelForm(channel), notice: nil)
                page.sections.insert(test, at: 0)
                if outcome.success {
                    page.notice = "The upstream answered: HTTP \(outcome.status.map { String($0) } ?? "?") in \(millis) ms."
                } else {
                    page.problem = "The test failed: \(outcome.status.map { "HTTP \($0)" } ?? "no answer") after \(millis) ms."
                }
                return views.response(page, visit: visit)
            }
        }
        for (action, status) in [("enable", "enabled"), ("disable", "disabled")] {
            console.post(RouterPath("channels/:id/\(action)")) { request, context in
                try await gate(request, context, role: .operator) { visit in
                    let channel = try await channel(visit)
                    try await channels.setStatus(id: channel.id, status: status, reason: status == "disabled" ? "disabled by the operator" : nil)
                    return Self.redirect("/console/channels?done=channel-\(action)d")
                }
            }
        }
    }

    private func channel(_ visit: ConsoleVisit) async throws -> Channel {
        guard let id = Int64(try visit.parameter("id")), let channel = try await channels.find(id: id) else { throw GatewayError.notFound("Channel") }
        return channel
    }

    private func channelList(addForm: ConsoleFormView, notice: String?) async throws -> ConsolePageView {
        let all = try await channels.list()
        var list = ConsolePageView.Section(
            "Channels", intro: "Each channel is an upstream account of one family. Health counts its recent relayed calls.")
        list.table = ConsoleTableView(
            columns: ["#", "Channel", "Family", "Models", "Priority · weight", "Status", "Recent calls", "Actions"],
            rows: all.map { channel -> [ConsoleTableView.Cell] in
                let recent = probe.health.recent(channelID: channel.id)
                var actions = ConsoleTableView.Cell()
                actions.forms = [
                    ConsoleFormView(id: "test-\(channel.id)", action: "/console/channels/\(channel.id)/test", submit: "Test", inline: true),
                    channel.isEnabled
                        ? ConsoleFormView(
                            id: "disable-\(channel.id)", action: "/console/channels/\(channel.id)/disable", submit: "Disable", inline: true,
                            danger: true)
                        : ConsoleFormView(
                            id: "enable-\(channel.id)", action: "/console/channels/\(channel.id)/enable", submit: "Enable", inline: true),
                ]
                return [
                    .init(String(channel.id), mono: true), .init(channel.name, href: "/console/channels/\(channel.id)"), .init(channel.family),
                    .init(Self.modelSummary(channel.models)), .init("\(channel.priority) · \(channel.weight)"),
                    .init(channel.status + (channel.statusReason.map { ": \($0)" } ?? ""), badge: channel.isEnabled ? "ok" : "bad"),
                    .init(
                        recent.calls == 0 ? "none yet" : "\(Self.count(recent.calls, "call")), \(recent.failures) failed",
                        badge: recent.calls == 0 ? nil : recent.failures == 0 ? "ok" : recent.failures * 2 < recent.calls ? "warn" : "bad"),
                    actions,
                ]
            }, empty: "No channels yet: add one below.")
        var add = ConsolePageView.Section("Add a channel")
        add.forms = [addForm]
        return ConsolePageView("Channels", sections: [list, add], notice: notice)
    }

    private func channelPage(_ channel: Channel, form: ConsoleFormView, notice: String?) -> ConsolePageView {
        let recent = probe.health.recent(channelID: channel.id)
        var summary = ConsolePageView.Section("Details", intro: "Channel #\(channel.id).")
        summary.facts = [
            ("Name", channel.name), ("Family", channel.family), ("Base URL", channel.baseURL),
            ("Status", channel.status + (channel.statusReason.map { ": \($0)" } ?? "")),
            ("Keys", "\(channel.credential.keyCount) set (never shown)"), ("Recent calls", "\(recent.calls), \(recent.failures) failed"),
        ]
        summary.forms = [
            ConsoleFormView(id: "test", action: "/console/channels/\(channel.id)/test", submit: "Test against the upstream", inline: true),
            channel.isEnabled
                ? ConsoleFormView(id: "disable", action: "/console/channels/\(channel.id)/disable", submit: "Disable", inline: true, danger: true)
                : ConsoleFormView(id: "enable", action: "/console/channels/\(channel.id)/enable", submit: "Enable", inline: true),
        ]
        var edit = ConsolePageView.Section("Edit", intro: "Leave the key empty to keep the one saved.")
        edit.forms = [form]
        return ConsolePageView(channel.name, sections: [summary, edit], notice: notice)
    }

    /// The add form (for nil) or the edit form of `channel`, prefilled with everything but its key and secret.
    private static func channelForm(_ channel: Channel?) -> ConsoleFormView {
        var fields: [ConsoleFormView.Field] = [.init(name: "name", label: "Name", value: channel?.name ?? "", required: true)]
        if channel == nil {
            fields.append(
                .init(
                    name: "family", label: "Family", kind: .select, value: FamilyModules.channelFamilies.first ?? "", required: true,
                    options: FamilyModules.channelFamilies.map { ($0, $0) }))
        }
        fields += [
            .init(
                name: "base_url", label: "Base URL", kind: .url, value: channel?.baseURL ?? "",
                hint: "The upstream API's root, e.g. https://api.openai.com",
                required: true),
            .init(
                name: "key", label: channel == nil ? "Upstream key" : "New upstream key", kind: .password,
                hint: channel == nil ? "Several keys: separate them with commas" : "Empty keeps the saved key", required: channel == nil),
            .init(name: "secret", label: "Secret (key-pair providers)", kind: .password, hint: "Kling's secret key; empty keeps it"),
            .init(
                name: "models", label: "Models", value: channel?.models.joined(separator: ", ") ?? "",
                hint: "Comma-separated; empty serves every model"),
            .init(
                name: "model_mapping", label: "Model mapping", value: channel.map { Self.mappingText($0.modelMapping) } ?? "",
                hint: "customer-name=upstream-name, comma-separated"),
            .init(name: "priority", label: "Priority", kind: .number, value: String(channel?.priority ?? 0), hint: "Higher is tried first"),
            .init(name: "weight", label: "Weight", kind: .number, value: String(channel?.weight ?? 1), hint: "Share among equal priorities"),
            .init(name: "timeout_ms", label: "Timeout (ms)", kind: .number, value: channel?.timeoutMillis.map { String($0) } ?? ""),
        ]
        return ConsoleFormView(
            id: channel == nil ? "add-channel" : "edit-channel", action: channel.map { "/console/channels/\($0.id)" } ?? "/console/channels",
            submit: channel == nil ? "Add channel" : "Save changes", fields: fields)
    }

    /// The channel a form describes, with the admin API's limits; on edit, an empty key keeps the saved one (a
    /// secret alone keeps the key), and the family never changes.
    private static func newChannel(_ form: ConsoleFormInput, current: Channel?) throws -> ChannelStore.NewChannel {
        let newKey = try form.text("key", required: current == nil, maxLength: 10_000)
        let newSecret = try form.text("secret", maxLength: 10_000)
        let credential: UpstreamCredential
        if let current, newKey == nil {
            credential = newSecret == nil ? current.credential : UpstreamCredential(key: current.credential.key, secret: newSecret)
        } else {
            credential = UpstreamCredential(key: newKey ?? "", secret: newSecret)
        }
        let family = try current?.family ?? form.text("family", required: true, maxLength: 50, allowed: FamilyModules.channelFamilies) ?? ""
        return .init(
            name: try form.text("name", required: true, maxLength: 200) ?? "", family: family,
            baseURL: try form.text("base_url", required: true, maxLength: 2_048) ?? "", credential: credential, models: try form.list("models") ?? [],
            priority: try form.integer("priority", range: -1_000...1_000) ?? 0, weight: try form.integer("weight", range: 1...1_000) ?? 1,
            modelMapping: try mapping(form), timeoutMillis: try form.integer("timeout_ms", range: 100...3_600_000).map(Int64.init))
    }

    /// The first few models and how many more (the channel's page lists them all).
    static func modelSummary(_ models: [String]) -> String {
        guard !models.isEmpty else { return "all" }
        let shown = models.prefix(4).joined(separator: ", ")
        return models.count > 4 ? "\(shown) and \(models.count - 4) more" : shown
    }

    /// `a=b, c=d` as a mapping.
    private static func mapping(_ form: ConsoleFormInput) throws -> [String: String] {
        var mapping: [String: String] = [:]
        for pair in try form.list("model_mapping") ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[1].count <= 200 else {
                throw GatewayError.validation(field: "model_mapping", "write each pair as customer-name=upstream-name")
            }
            mapping[parts[0]] = parts[1]
        }
        return mapping
    }

    private static func mappingText(_ mapping: [String: String]) -> String {
        mapping.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
