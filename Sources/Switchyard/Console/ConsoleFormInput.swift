import Foundation
import Hummingbird
import NIOCore

/// The fields of a submitted console form (`application/x-www-form-urlencoded`), read with the same limits as
/// the admin API's JSON fields; every problem is a `GatewayError.validation` naming its field, which the page
/// shows next to that field.
struct ConsoleFormInput: Sendable {
    /// Each field's value as submitted; an empty field counts as not given.
    let values: [String: String]

    init(values: [String: String]) { self.values = values }

    /// Reads and decodes a form body of at most `limit` bytes.
    static func read(_ request: Request, limit: Int) async throws -> ConsoleFormInput {
        let buffer = try await RequestBody.collect(request, limit: limit)
        return ConsoleFormInput(values: parse(String(buffer: buffer)))
    }

    /// `a=1&b=x+y` as a dictionary (`+` is a space; a repeated name keeps its first value).
    static func parse(_ body: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            let name = decode(parts[0])
            guard !name.isEmpty, values[name] == nil else { continue }
            values[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }

    /// A text field, trimmed; nil when empty and not required.
    func text(_ name: String, required: Bool = false, maxLength: Int = 200, allowed: [String]? = nil) throws -> String? {
        let value = (values[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            if required { throw GatewayError.validation(field: name, "is required") }
            return nil
        }
        guard value.count <= maxLength else { throw GatewayError.validation(field: name, "is longer than \(maxLength) characters") }
        if let allowed, !allowed.contains(value) {
            throw GatewayError.validation(field: name, "must be one of \(allowed.joined(separator: ", "))")
        }
        return value
    }

    /// A whole number within `range`; nil when empty.
    func integer(_ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text = try text(name, maxLength: 20) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw GatewayError.validation(field: name, "must be a whole number between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// An amount in dollars ("10.00", or "-2.50" where `signed`), as micro-dollars; nil when empty.
    func dollars(_ name: String, required: Bool = false, signed: Bool = false) throws -> Int64? {
        guard let text = try text(name, required: required, maxLength: 30) else { return nil }
        guard let micros = signed ? Money.parseSignedDollars(text) : Money.parseDollars(text) else {
            throw GatewayError.validation(field: name, "must be an amount in dollars such as \"10.00\"")
        }
        return micros
    }

    /// A comma-separated list ("a, b"); nil when empty.
    func list(_ name: String) throws -> [String]? {
        try text(name, maxLength: 10_000).map { text in
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// A date `YYYY-MM-DD` (as a browser's date field sends it), as the milliseconds of its midnight UTC.
    func day(_ name: String) throws -> Int64? {
        try CustomerSystemRoutes.day(try text(name, maxLength: 10), name: name)
    }

    /// A checkbox: present (any value) means ticked.
    func checked(_ name: String) -> Bool { values[name] != nil }
}
