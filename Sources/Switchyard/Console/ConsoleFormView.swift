/// A form as the page shows it: labelled fields, each with its value and, after a refused submission, the problem
/// next to it. Rendered by the `form` template, which adds the session's CSRF token to every post.
struct ConsoleFormView {
    /// One labelled field.
    struct Field {
        enum Kind: String { case text, password, number, url, date, select, checkbox, hidden }

        var name: String
        var label: String
        var kind: Kind = .text
        var value: String = ""
        var hint: String?
        var error: String?
        var required = false
        var options: [(value: String, label: String)] = []

        func render(formID: String) -> [String: Any] {
            var data: [String: Any?] = [
                "fieldID": "\(formID)-\(name)", "fieldName": name, "fieldLabel": label, "fieldValue": value, "fieldType": kind.rawValue,
                "fieldRequired": required, "fieldHint": hint, "fieldError": error,
            ]
            switch kind {
            case .select:
                data["isSelect"] = true
                data["fieldOptions"] = options.map { ["optionValue": $0.value, "optionLabel": $0.label, "optionSelected": $0.value == value] }
            case .checkbox:
                data["isCheckbox"] = true
                data["fieldChecked"] = !value.isEmpty
            case .hidden: data["isHidden"] = true
            default: data["isInput"] = true
            }
            return ConsoleData.compact(data)
        }
    }

    var id: String
    var action: String
    var submit: String
    var title: String?
    var fields: [Field] = []
    /// A problem that belongs to no one field.
    var error: String?
    /// `get` for filters (no token); `post` for every change.
    var method = "post"
    /// Adds a random key that makes a double submission count once (top-ups).
    var idempotent = false
    /// A small one-button form shown inside a table row.
    var inline = false
    /// Styles the button as destructive.
    var danger = false

    /// Marks the problem a submission was refused for: next to its field when it names one, else on the form; and
    /// keeps what was typed (never a secret field's value).
    mutating func refuse(_ error: GatewayError, values: [String: String]) {
        for index in fields.indices where fields[index].kind != .password && fields[index].kind != .hidden {
            fields[index].value = values[fields[index].name] ?? (fields[index].kind == .checkbox ? "" : fields[index].value)
        }
        let (field, problem) = Self.split(error)
        if let field, let index = fields.firstIndex(where: { $0.name == field }) {
            fields[index].error = problem
        } else {
            self.error = error.message
        }
    }

    /// A validation message `field: problem` as its parts.
    static func split(_ error: GatewayError) -> (field: String?, problem: String) {
        guard error.code == .validationFailed, let range = error.message.range(of: ": ") else { return (nil, error.message) }
        return (String(error.message[..<range.lowerBound]), String(error.message[range.upperBound...]))
    }

    func render() -> [String: Any] {
        ConsoleData.compact([
            "formID": id, "formAction": action, "formSubmit": submit, "formTitle": title, "formError": error, "isPost": method == "post",
            "formMethod": method, "fields": fields.map { $0.render(formID: id) }, "inline": inline, "danger": danger,
            "idempotencyKey": idempotent ? ConsoleSessionStore.randomHex() : nil,
        ])
    }
}
