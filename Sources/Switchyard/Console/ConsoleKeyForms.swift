import Foundation
import Hummingbird

/// The form that creates a key, shared by operators and customers, and the page that shows a new key once.
extension ConsoleServices {
    /// Fields for a new key's name, quota and limits.
    static func keyForm(id: String, action: String, withQuota: Bool = true) -> ConsoleFormView {
        var fields: [ConsoleFormView.Field] = [.init(name: "name", label: "Key name", required: true)]
        if withQuota { fields.append(.init(name: "quota", label: "Quota (USD)", hint: "Empty: no cap of its own")) }
        fields += limitFields(nil)
        return ConsoleFormView(id: id, action: action, submit: "Create key", fields: fields)
    }

    /// The limits a key may have, prefilled from `token` when editing.
    static func limitFields(_ token: Token?) -> [ConsoleFormView.Field] {
        [
            .init(
                name: "models", label: "Allowed models", value: token?.allowedModels?.joined(separator: ", ") ?? "",
                hint: "Comma-separated; empty allows all"),
            .init(
                name: "ips", label: "Allowed addresses", value: token?.allowedIPs?.joined(separator: ", ") ?? "",
                hint: "IPs or CIDR blocks, comma-separated"),
            .init(
                name: "rpm", label: "Requests per minute", kind: .number, value: token?.requestsPerMinute.map { String($0) } ?? "",
                hint: "Empty: no limit"),
            .init(
                name: "expires", label: "Expires on (UTC)", kind: .date, value: token?.expiresAt.map { Self.dateValue($0) } ?? "",
                hint: "Empty: never"),
        ]
    }

    /// The limits a form gives (every empty field means "no limit"), for a key of `userID`.
    static func limits(_ form: ConsoleFormInput, userID: String?) throws -> TokenStore.Limits {
        TokenStore.Limits(
            expiresAt: try form.day("expires"), allowedModels: try form.list("models"), allowedIPs: try form.list("ips"),
            requestsPerMinute: try form.integer("rpm", range: 1...1_000_000), userID: userID)
    }

    /// A date field's value for an instant in milliseconds.
    static func dateValue(_ millis: Int64) -> String { ConsoleTime.date(millis) }

    /// The page right after a key was made: the key itself, this once, with a copy button.
    func keyCreatedPage(_ created: (token: Token, key: String), back: String, visit: ConsoleVisit) -> Response {
        var section = ConsolePageView.Section(
            "Key \(created.token.name) created",
            intro: "Store it somewhere safe now. Switchyard keeps only a hash of it: it cannot be shown again.")
        section.secret = created.key
        section.facts = [("Key id", created.token.id), ("Hint", created.token.keyHint)]
        section.links = [("Back to the list", back)]
        var page = ConsolePageView("New key", sections: [section])
        page.notice = "Key created."
        return views.response(page, visit: visit)
    }

    /// The key rows of a table, with their actions for an operator or the key's own customer.
    static func keyRows(_ tokens: [Token], operatorView: Bool) -> [[ConsoleTableView.Cell]] {
        tokens.map { token -> [ConsoleTableView.Cell] in
            let base = operatorView ? "/console/keys/\(token.id)" : "/console/me/keys/\(token.id)"
            var actions = ConsoleTableView.Cell()
            if token.status != "revoked" {
                if operatorView {
                    actions.forms.append(
                        token.status == "active"
                            ? ConsoleFormView(id: "disable-\(token.id)", action: "\(base)/disable", submit: "Disable", inline: true)
                            : ConsoleFormView(id: "enable-\(token.id)", action: "\(base)/enable", submit: "Enable", inline: true))
                }
                actions.forms.append(
                    ConsoleFormView(id: "revoke-\(token.id)", action: "\(base)/revoke", submit: "Revoke", inline: true, danger: true))
            }
            var limits: [String] = []
            if let models = token.allowedModels { limits.append("models: " + models.joined(separator: ", ")) }
            if let ips = token.allowedIPs { limits.append("from: " + ips.joined(separator: ", ")) }
            if let rpm = token.requestsPerMinute { limits.append("\(rpm)/min") }
            if let expiresAt = token.expiresAt { limits.append("until " + dateValue(expiresAt)) }
            return [
                .init(token.name, href: operatorView ? base : nil), .init(token.id + " · " + token.keyHint, mono: true),
                .init(token.status, badge: token.status == "active" ? "ok" : "bad"),
                .init(token.remainingMicros.map { "$" + Money.format($0) + " left" } ?? "no cap", mono: true),
                .init("$" + Money.format(token.usedMicros), mono: true), .init(limits.isEmpty ? "none" : limits.joined(separator: "; ")), actions,
            ]
        }
    }

    static let keyColumns = ["Name", "Id · hint", "Status", "Quota", "Used", "Limits", "Actions"]
}
