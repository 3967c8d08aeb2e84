/// One page of the console: a title, an optional notice, and sections of figures, charts, facts, tables and forms.
/// The `page` template lays every page out the same way.
struct ConsolePageView {
    /// A block of the page under its own heading.
    struct Section {
        var title: String
        var intro: String?
        /// Headline figures: label, value, and a line under it.
        var stats: [(label: String, value: String, detail: String?)] = []
        /// Server-drawn SVG charts (`ConsoleChart`), already escaped.
        var charts: [String] = []
        /// Label and value pairs (a task's details).
        var facts: [(label: String, value: String)] = []
        /// The form that narrows the table (shown above it).
        var filter: ConsoleFormView?
        var table: ConsoleTableView?
        /// Where to go next: label and address.
        var links: [(label: String, href: String)] = []
        var forms: [ConsoleFormView] = []
        /// A new key, shown this once with a copy button.
        var secret: String?
        /// Preformatted text (a task's request or result as JSON).
        var code: String?
        var media: [ConsoleMedia] = []

        init(_ title: String, intro: String? = nil) {
            self.title = title
            self.intro = intro
        }

        func render() -> [String: Any] {
            ConsoleData.compact([
                "sectionTitle": title, "intro": intro,
                "stats": stats.map { ConsoleData.compact(["statLabel": $0.label, "statValue": $0.value, "statDetail": $0.detail]) },
                "hasStats": !stats.isEmpty, "charts": charts.map { ["svg": $0] }, "hasCharts": !charts.isEmpty,
                "facts": facts.map { ["factLabel": $0.label, "factValue": $0.value] }, "hasFacts": !facts.isEmpty,
                "filter": filter?.render(), "table": table?.render(), "forms": forms.map { $0.render() }, "secret": secret, "code": code,
                "links": links.map { ["linkLabel": $0.label, "linkHref": $0.href] }, "hasLinks": !links.isEmpty,
                "media": media.map { $0.render() }, "hasMedia": !media.isEmpty,
            ])
        }
    }

    var title: String
    var sections: [Section] = []
    /// What the last action did ("Top-up recorded").
    var notice: String?
    /// A problem with the whole page (a refused action).
    var problem: String?

    init(_ title: String, sections: [Section] = [], notice: String? = nil) {
        self.title = title
        self.sections = sections
        self.notice = notice
    }
}
