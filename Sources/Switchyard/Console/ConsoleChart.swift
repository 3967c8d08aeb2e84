/// Bar charts drawn on the server as inline SVG: one bar per day, a labelled axis, a tooltip per bar, and a text
/// alternative for screen readers. Every text in it is escaped here, since the page inserts it unescaped.
enum ConsoleChart {
    /// One bar: its axis label (a day) and value.
    struct Point {
        let label: String
        let value: Double
    }

    /// A chart of `points` titled `title`; `format` writes a value for the tooltips and the scale.
    static func bars(title: String, points: [Point], format: (Double) -> String, alarming: Bool = false) -> String {
        // A narrow drawing scaled to the card's width keeps its text readable on a phone.
        let width = 420.0
        let height = 170.0
        let left = 78.0
        let top = 26.0
        let bottom = 24.0
        let plotWidth = width - left - 8
        let plotHeight = height - top - bottom
        let maximum = max(points.map(\.value).max() ?? 0, 0)
        let scale = maximum > 0 ? maximum : 1
        let slot = points.isEmpty ? plotWidth : plotWidth / Double(points.count)
        let total = points.reduce(0) { $0 + $1.value }
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(escape("\(title): \(format(total)) over \(points.count) days, highest \(format(maximum))"))" xmlns="http://www.w3.org/2000/svg">
            <text class="title" x="0" y="14">\(escape(title))</text>
            <line class="axis" x1="\(left)" y1="\(top + plotHeight)" x2="\(width - 8)" y2="\(top + plotHeight)"/>
            <line class="axis" x1="\(left)" y1="\(top)" x2="\(width - 8)" y2="\(top)"/>
            <text x="\(left - 6)" y="\(top + 4)" text-anchor="end">\(escape(format(maximum)))</text>
            <text x="\(left - 6)" y="\(top + plotHeight)" text-anchor="end">\(escape(format(0)))</text>

            """
        for (index, point) in points.enumerated() {
            let barHeight = max(point.value / scale * plotHeight, point.value > 0 ? 1 : 0)
            let x = left + Double(index) * slot + slot * 0.15
            let y = top + plotHeight - barHeight
            svg += "<rect class=\"bar\(alarming ? " bad" : "")\" x=\(quote(x)) y=\(quote(y)) width=\(quote(slot * 0.7)) height=\(quote(barHeight))>"
            svg += "<title>\(escape("\(point.label): \(format(point.value))"))</title></rect>\n"
        }
        // The first, middle and last days label the axis; more would crowd a phone's width.
        for index in Set([0, points.count / 2, points.count - 1]).sorted() where points.indices.contains(index) {
            // The first label starts at its bar and the last ends at its bar, so that neither is cut off.
            let anchor = index == 0 ? "start" : index == points.count - 1 ? "end" : "middle"
            let x = left + Double(index) * slot + (anchor == "start" ? 0 : anchor == "end" ? slot : slot / 2)
            svg += "<text x=\(quote(x)) y=\"\(Int(height - 6))\" text-anchor=\"\(anchor)\">\(escape(points[index].label))</text>\n"
        }
        return svg + "</svg>"
    }

    private static func quote(_ value: Double) -> String { "\"\((value * 10).rounded() / 10)\"" }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
