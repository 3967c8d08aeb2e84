import Foundation

/// A table as the page shows it: headed columns, rows of cells (text, link, status badge, media, one-button
/// forms), and the links to the neighbouring pages of a long list.
struct ConsoleTableView {
    /// One cell.
    struct Cell {
        var text: String = ""
        var href: String?
        /// Shown in a monospace face (ids, amounts).
        var mono = false
        /// Shown as a coloured badge: `ok`, `warn` or `bad`.
        var badge: String?
        var forms: [ConsoleFormView] = []
        var media: [ConsoleMedia] = []

        init(_ text: String = "", href: String? = nil, mono: Bool = false, badge: String? = nil) {
            self.text = text
            self.href = href
            self.mono = mono
            self.badge = badge
        }

        func render() -> [String: Any] {
            ConsoleData.compact([
                "cellText": text, "cellHref": href, "mono": mono, "cellBadge": badge, "cellForms": forms.map { $0.render() },
                "cellMedia": media.map { $0.render() }, "cellHasMedia": !media.isEmpty,
            ])
        }
    }

    var columns: [String]
    var rows: [[Cell]] = []
    /// Said instead of an empty table.
    var empty = "Nothing yet."
    var pager: ConsolePager?

    func render() -> [String: Any] {
        ConsoleData.compact([
            "columns": columns.map { ["columnName": $0] },
            "rows": rows.map { row in ["cells": zip(columns, row).map { column, cell in cell.render().merging(["cellColumn": column]) { $1 } }] },
            "isEmpty": rows.isEmpty, "emptyText": empty, "pager": pager?.render(),
        ])
    }
}

/// A result file shown inline: an image, a video that plays, or audio.
struct ConsoleMedia {
    enum Kind: String { case image, video, audio, link }
    let kind: Kind
    let url: String

    /// Guesses the kind from the file's extension (the media store keeps it), else from the field that holds it.
    init(url: String, field: String = "") {
        self.url = url
        let path = (url.split(separator: "?").first.map { String($0) } ?? url).lowercased()
        let name = field.lowercased()
        let hasSuffix = { (suffixes: [String]) in suffixes.contains { path.hasSuffix($0) } }
        if hasSuffix([".mp4", ".webm", ".mov", ".m4v"]) || name.contains("video") {
            kind = .video
        } else if hasSuffix([".mp3", ".wav", ".m4a", ".ogg", ".flac", ".aac"]) || name.contains("audio") {
            kind = .audio
        } else if hasSuffix([".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"]) || name.contains("image")
            || name.contains("thumb")
        {
            kind = .image
        } else {
            kind = .link
        }
    }

    func render() -> [String: Any] { ["mediaURL": url, "is\(kind.rawValue.capitalized)": true] }
}

/// Which page of a server-side paginated list is shown, with links to the previous and next ones.
struct ConsolePager {
    let number: Int
    let size: Int
    /// Whether the page came back full, so that another may follow.
    let hasNext: Bool
    /// The listing's path and query without `page`.
    let base: String

    var offset: Int { (number - 1) * size }

    /// Reads `page` from the query (1 when absent or not a number within bounds); whether another page follows is
    /// told once the rows are read (`with(hasNext:)`).
    init(query: [String: String], size: Int = 25, base: String) {
        self.number = Int(query["page"] ?? "").map { min(max($0, 1), 100_000) } ?? 1
        self.size = size
        self.base = base
        self.hasNext = false
    }

    /// This pager, told whether a row past the page was found.
    func with(hasNext: Bool) -> ConsolePager {
        ConsolePager(number: number, size: size, hasNext: hasNext, base: base)
    }

    private init(number: Int, size: Int, hasNext: Bool, base: String) {
        self.number = number
        self.size = size
        self.hasNext = hasNext
        self.base = base
    }

    func render() -> [String: Any] {
        let separator = base.contains("?") ? "&" : "?"
        return ConsoleData.compact([
            "pageNumber": number, "previousPage": number > 1 ? "\(base)\(separator)page=\(number - 1)" : nil,
            "nextPage": hasNext ? "\(base)\(separator)page=\(number + 1)" : nil,
        ])
    }
}
