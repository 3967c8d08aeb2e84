import SQLKit

/// The few SQL expressions that have no form valid on both SQLite and PostgreSQL, one function each. Everything
/// else the gateway writes is common SQL (`ON CONFLICT`, `RETURNING`, `COALESCE`, `CAST`, `||`).
enum SQLDialectPieces {
    /// The UTC day (`2026-01-31`) of a column holding Unix milliseconds.
    static func utcDay(ofMillis column: String, dialect: StoreDialect) -> String {
        switch dialect {
        case .sqlite: return "strftime('%Y-%m-%d', \(column) / 1000, 'unixepoch')"
        case .postgres: return "to_char(to_timestamp(\(column) / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        }
    }

    /// The text at top-level `field` of the JSON object stored as text in `column` (NULL when absent).
    static func jsonText(column: String, field: String, dialect: StoreDialect) -> SQLQueryString {
        switch dialect {
        case .sqlite: return "json_extract(\(unsafeRaw: column), \(bind: "$." + field))"
        case .postgres: return "(CAST(\(unsafeRaw: column) AS jsonb) ->> \(bind: field))"
        }
    }

    /// A subquery of the integers in a JSON array given as one bound text (`[3,7]`), so a statement's text stays
    /// the same however many there are.
    static func integers(inJSONArray array: String, dialect: StoreDialect) -> SQLQueryString {
        switch dialect {
        case .sqlite: return "SELECT value FROM json_each(\(bind: array))"
        case .postgres: return "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(\(bind: array) AS json))"
        }
    }

    /// Appended to a `SELECT` whose rows the transaction will update: on PostgreSQL it locks them and passes over
    /// rows another transaction holds (how several instances share a queue); SQLite has one writer and needs none.
    static func skipLocked(_ dialect: StoreDialect) -> String {
        switch dialect {
        case .sqlite: return ""
        case .postgres: return "FOR UPDATE SKIP LOCKED"
        }
    }

    /// The 1-based position of `needle` in `haystack` (0 when absent); both are SQL expressions.
    static func position(of needle: SQLQueryString, in haystack: SQLQueryString, dialect: StoreDialect) -> SQLQueryString {
        switch dialect {
        case .sqlite: return "instr(\(haystack), \(needle))"
        case .postgres: return "strpos(\(haystack), \(needle))"
        }
    }
}
