import Hummingbird

/// The price table in force: every rule, filtered by family and paginated; set a price (per call, per token, per
/// second, or free) and withdraw one. Prices go through the price book the admin API uses, validated alike.
extension ConsoleServices {
    func registerPrices(on console: RouterGroup<GatewayRequestContext>) {
        console.get("prices") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let query = visit.query
                let rules = try await prices.current().rules
                let editing = rules.first { $0.family == query["family"] && $0.model == query["model"] && $0.action == query["action"] }
                return views.response(priceList(visit, form: Self.priceForm(editing), rules: rules), visit: visit)
            }
        }
        console.post("prices") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let form = visit.form
                do {
                    let family = try form.text("family", required: true, maxLength: 200) ?? ""
                    let model = try form.text("model", required: true, maxLength: 200) ?? ""
                    let action = try form.text("action", required: true, maxLength: 200) ?? ""
                    let free = form.checked("free")
                    // What the form cannot show (modifiers, per-image prices) is kept from the rule it replaces.
                    var rule =
                        try await prices.current().rules.first { $0.family == family && $0.model == model && $0.action == action }
                        ?? PriceRule(family: family, model: model, action: action)
                    rule.free = free ? true : nil
                    // A per-call price must be given: a missing one would silently make the calls free.
                    rule.usd = try form.text("usd", required: action != "tokens" && !free, maxLength: 30) ?? "0"
                    rule.inputPerMillion = try form.text("input_per_million", maxLength: 30)
                    rule.outputPerMillion = try form.text("output_per_million", maxLength: 30)
                    rule.cachedInputPerMillion = try form.text("cached_input_per_million", maxLength: 30)
                    rule.perSecond = try form.text("per_second", maxLength: 30)
                    rule.maxOutputTokens = try form.integer("max_output_tokens", range: PriceRule.maxOutputTokensRange)
                    try await prices.set(rule)
                    return Self.redirect(
                        "/console/prices?family=\(family.addingPercentEncodingForQuery)&model=\(model.addingPercentEncodingForQuery)&done=price-saved"
                    )
                } catch let error as GatewayError where error.status.code < 500 {
                    var view = Self.priceForm(nil)
                    view.refuse(error, values: form.values)
                    return views.response(
                        priceList(visit, form: view, rules: try await prices.current().rules), visit: visit, status: error.status)
                }
            }
        }
        console.post("prices/withdraw") { request, context in
            try await gate(request, context, role: .operator) { visit in
                let family = try visit.form.text("family", required: true, maxLength: 200) ?? ""
                try await prices.remove(
                    family: family, model: try visit.form.text("model", required: true, maxLength: 200) ?? "",
                    action: try visit.form.text("action", required: true, maxLength: 200) ?? "")
                return Self.redirect("/console/prices?family=\(family.addingPercentEncodingForQuery)&done=price-removed")
            }
        }
    }

    /// The price table in force (`rules`, as read for this page), filtered and paged, with `form` beside it.
    private func priceList(_ visit: ConsoleVisit, form: ConsoleFormView, rules: [PriceRule]) -> ConsolePageView {
        let family = visit.query["family"].flatMap { $0.isEmpty ? nil : $0 }
        // Part of a model's name, case aside: "mini" finds every mini model.
        let model = visit.query["model"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let shown = rules.filter { rule in (family == nil || rule.family == family) && (model.map { rule.model.lowercased().contains($0) } ?? true) }
            .sorted { ($0.family, $0.model, $0.action) < ($1.family, $1.model, $1.action) }
        var pager = ConsolePager(query: visit.query, size: 50, base: Self.filterBase("/console/prices", visit))
        pager = pager.with(hasNext: pager.offset + pager.size < shown.count)
        var table = ConsolePageView.Section(
            "Prices in force", intro: "\(shown.count) rules\(family.map { " for \($0)" } ?? ""). Group multipliers apply on top.")
        table.filter = ConsoleFormView(
            id: "filter", action: "/console/prices", submit: "Filter",
            fields: [
                .init(
                    name: "family", label: "Family", kind: .select, value: family ?? "",
                    options: [(value: "", label: "All families")] + FamilyModules.channelFamilies.map { (value: $0, label: $0) }),
                .init(name: "model", label: "Model contains", value: visit.query["model"] ?? ""),
            ], method: "get")
        table.table = ConsoleTableView(
            columns: ["Family", "Model", "Action", "Price", "Actions"],
            rows: shown.dropFirst(pager.offset).prefix(pager.size).map { rule -> [ConsoleTableView.Cell] in
                var actions = ConsoleTableView.Cell(
                    "Edit",
                    href: "/console/prices?family=\(rule.family.addingPercentEncodingForQuery)&model=\(rule.model.addingPercentEncodingForQuery)"
                        + "&action=\(rule.action.addingPercentEncodingForQuery)#price")
                var withdraw = ConsoleFormView(id: "withdraw", action: "/console/prices/withdraw", submit: "Withdraw", inline: true, danger: true)
                withdraw.fields = [
                    .init(name: "family", label: "Family", kind: .hidden, value: rule.family),
                    .init(name: "model", label: "Model", kind: .hidden, value: rule.model),
                    .init(name: "action", label: "Action", kind: .hidden, value: rule.action),
                ]
                actions.forms = [withdraw]
                return [.init(rule.family), .init(rule.model, mono: true), .init(rule.action), .init(Self.priceText(rule), mono: true), actions]
            }, empty: "No prices.", pager: pager)
        var edit = ConsolePageView.Section("Set a price", intro: "Replaces the price of the same family, model and action, from the next call.")
        edit.forms = [form]
        return ConsolePageView("Prices", sections: [table, edit], notice: Self.notice(visit))
    }

    /// A rule's amounts in one line.
    static func priceText(_ rule: PriceRule) -> String {
        if rule.free == true { return "free" }
        var parts: [String] = []
        if rule.action == "tokens" {
            if let input = rule.inputPerMillion { parts.append("in $\(input)/M") }
            if let output = rule.outputPerMillion { parts.append("out $\(output)/M") }
            if let cached = rule.cachedInputPerMillion { parts.append("cached $\(cached)/M") }
            if let perSecond = rule.perSecond { parts.append("$\(perSecond)/s") }
            if let characters = rule.perMillionCharacters { parts.append("$\(characters)/M chars") }
            if let images = rule.perImage, !images.isEmpty { parts.append("\(images.count) image prices") }
        } else {
            parts.append("$\(rule.usd) per call")
            if let modifiers = rule.modifiers, !modifiers.isEmpty { parts.append("\(modifiers.count) modifiers") }
        }
        if let maxOutputTokens = rule.maxOutputTokens { parts.append("max \(maxOutputTokens) tokens") }
        return parts.joined(separator: ", ")
    }

    private static func priceForm(_ rule: PriceRule?) -> ConsoleFormView {
        ConsoleFormView(
            id: "price", action: "/console/prices", submit: "Save price",
            fields: [
                .init(
                    name: "family", label: "Family", kind: .select, value: rule?.family ?? FamilyModules.channelFamilies.first ?? "", required: true,
                    options: FamilyModules.channelFamilies.map { ($0, $0) }),
                .init(name: "model", label: "Model", value: rule?.model ?? "", hint: "* for every model", required: true),
                .init(
                    name: "action", label: "Action", value: rule?.action ?? "", hint: "tokens for per-token prices; else the family's action",
                    required: true),
                .init(name: "usd", label: "Per call (USD)", value: rule.map { $0.action == "tokens" ? "" : $0.usd } ?? ""),
                .init(name: "input_per_million", label: "Input per million tokens", value: rule?.inputPerMillion ?? ""),
                .init(name: "output_per_million", label: "Output per million tokens", value: rule?.outputPerMillion ?? ""),
                .init(name: "cached_input_per_million", label: "Cached input per million", value: rule?.cachedInputPerMillion ?? ""),
                .init(name: "per_second", label: "Per second (USD)", value: rule?.perSecond ?? ""),
                .init(name: "max_output_tokens", label: "Max output tokens", kind: .number, value: rule?.maxOutputTokens.map { String($0) } ?? ""),
                .init(name: "free", label: "Free (charge nothing)", kind: .checkbox, value: rule?.free == true ? "1" : ""),
            ])
    }
}
