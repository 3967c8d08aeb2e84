import Hummingbird
import SQLKit

/// The usage-log and task listings that customers (their own) and operators (everyone's) read.
enum SystemQueries {
    /// - Parameter userID: only the calls of this user's keys (operators' filter).
    static func usage(
        database: Database, tokenID: String?, userID: String? = nil, model: String?, start: Int64, end: Int64, limit: Int, offset: Int
    ) async throws -> [JSONValue] {
        let rows = try await database.read.raw(
            """
            SELECT * FROM usage_logs WHERE (CAST(\(bind: tokenID) AS TEXT) IS NULL OR token_id = \(bind: tokenID))
            AND (CAST(\(bind: userID) AS TEXT) IS NULL OR token_id IN (SELECT id FROM tokens WHERE user_id = \(bind: userID)))
            AND created_at >= \(bind: start) AND created_at <= \(bind: end) AND (CAST(\(bind: model) AS TEXT) IS NULL OR model = \(bind: model))
            ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        return try rows.map { row in
            var item = JSONObject()
            item["request_id"] = .string(try row.decode(column: "request_id", as: String.self))
            item["token_id"] = .string(try row.decode(column: "token_id", as: String.self))
            item["family"] = .string(try row.decode(column: "family", as: String.self))
            item["model"] = .string(try row.decode(column: "model", as: String.self))
            item["channel_id"] = try row.decode(column: "channel_id", as: Int64?.self).map { .int(Int($0)) } ?? .null
            item["input_tokens"] = .int(try row.decode(column: "input_tokens", as: Int.self))
            item["output_tokens"] = .int(try row.decode(column: "output_tokens", as: Int.self))
            item["cost"] = .string(Money.format(try row.decode(column: "cost_micros", as: Int64.self)))
            item["latency_ms"] = .int(try row.decode(column: "latency_ms", as: Int.self))
            item["status"] = .int(try row.decode(column: "status", as: Int.self))
            item["created_at"] = .int(Int(try row.decode(column: "created_at", as: Int64.self) / 1000))
            return .object(item)
        }
    }

    static func tasks(
        database: Database, tokenID: String?, userID: String? = nil, family: String?, state: String?, limit: Int, offset: Int
    ) async throws -> [JSONValue] {
        let rows = try await database.read.raw(
            """
            SELECT id, token_id, family, action, model, state, price_micros, failure_reason, created_at, finished_at,
                (SELECT CASE kind WHEN 'settle' THEN amount_micros ELSE 0 END FROM ledger_entries
                 WHERE idempotency_key = 'final:' || tasks.id) AS charged_micros
            FROM tasks
            WHERE deleted = 0 AND (CAST(\(bind: tokenID) AS TEXT) IS NULL OR token_id = \(bind: tokenID)) AND (CAST(\(bind: family) AS TEXT) IS NULL OR family = \(bind: family))
            AND (CAST(\(bind: userID) AS TEXT) IS NULL OR token_id IN (SELECT id FROM tokens WHERE user_id = \(bind: userID)))
            AND (CAST(\(bind: state) AS TEXT) IS NULL OR state = \(bind: state))
            ORDER BY created_at DESC, id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        return try rows.map { row in
            var item = JSONObject()
            item["id"] = .string(try row.decode(column: "id", as: String.self))
            item["token_id"] = .string(try row.decode(column: "token_id", as: String.self))
            item["family"] = .string(try row.decode(column: "family", as: String.self))
            item["action"] = .string(try row.decode(column: "action", as: String.self))
            item["model"] = .string(try row.decode(column: "model", as: String.self))
            item["state"] = .string(try row.decode(column: "state", as: String.self))
            item["price"] = .string(Money.format(try row.decode(column: "price_micros", as: Int64.self)))
            // What its end charged (less than `price`, the hold, when priced by a measure; 0 when refunded); null while live.
            item["charged"] = try row.decode(column: "charged_micros", as: Int64?.self).map { .string(Money.format($0)) } ?? .null
            item["failure_reason"] = try row.decode(column: "failure_reason", as: String?.self).map(JSONValue.string) ?? .null
            item["created_at"] = .int(Int(try row.decode(column: "created_at", as: Int64.self) / 1000))
            item["finished_at"] = try row.decode(column: "finished_at", as: Int64?.self).map { .int(Int($0 / 1000)) } ?? .null
            return .object(item)
        }
    }

    /// Ledger entries, newest first, each with the price that was in force.
    ///
    /// - Parameter kinds: only entries of these kinds (any when nil).
    static func ledger(
        database: Database, userID: String?, tokenID: String?, kinds: [String]?, reference: String?, limit: Int, offset: Int
    ) async throws -> [JSONValue] {
        let kindList = kinds.map { "," + $0.joined(separator: ",") + "," }
        let rows = try await database.read.raw(
            """
            SELECT id, kind, token_id, user_id, amount_micros, reference, detail, price, created_at FROM ledger_entries
            WHERE (CAST(\(bind: userID) AS TEXT) IS NULL OR user_id = \(bind: userID)) AND (CAST(\(bind: tokenID) AS TEXT) IS NULL OR token_id = \(bind: tokenID))
            AND (CAST(\(bind: kindList) AS TEXT) IS NULL OR \(SQLDialectPieces.position(of: "',' || kind || ','", in: "\(bind: kindList)", dialect: database.dialect)) > 0) AND (CAST(\(bind: reference) AS TEXT) IS NULL OR reference = \(bind: reference))
            ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        return try rows.map { row in
            var item = JSONObject()
            item["id"] = .int(try row.decode(column: "id", as: Int.self))
            item["kind"] = .string(try row.decode(column: "kind", as: String.self))
            item["user_id"] = try row.decode(column: "user_id", as: String?.self).map(JSONValue.string) ?? .null
            item["token_id"] = try row.decode(column: "token_id", as: String?.self).map(JSONValue.string) ?? .null
            item["amount"] = .string(Money.format(try row.decode(column: "amount_micros", as: Int64.self)))
            item["reference"] = try row.decode(column: "reference", as: String?.self).map(JSONValue.string) ?? .null
            item["detail"] = try row.decode(column: "detail", as: String?.self).map(JSONValue.string) ?? .null
            item["price"] = try row.decode(column: "price", as: String?.self).map(JSONValue.string) ?? .null
            item["created_at"] = .int(Int(try row.decode(column: "created_at", as: Int64.self) / 1000))
            return .object(item)
        }
    }

    /// A time filter in Unix seconds, as milliseconds.
    static func instant(_ text: String?, name: String) throws -> Int64? {
        guard let text else { return nil }
        guard let seconds = Int64(text), seconds >= 0, seconds < 1 << 40 else {
            throw GatewayError.validation(field: name, "must be a Unix time in seconds")
        }
        return seconds * 1000
    }

    /// A task state filter, checked against the states that exist.
    static func state(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard TaskState(rawValue: text) != nil else {
            throw GatewayError.validation(field: "state", "must be one of \(TaskState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return text
    }

    /// `page` and `page_size` of a listing.
    static func page(_ request: Request) throws -> Page {
        let query = request.uri.queryParameters
        let number = try RequestInput.integer(query["page"].map(String.init), name: "page", default: 1, range: 1...100_000)
        let size = try RequestInput.integer(query["page_size"].map(String.init), name: "page_size", default: 20, range: 1...100)
        return Page(number: number, size: size)
    }

    /// One page of a listing: which rows, and the envelope they go back in.
    struct Page {
        let number: Int
        let size: Int
        var offset: Int { (number - 1) * size }

        /// The items in the house envelope, with the total when the listing knows it.
        func envelope(_ items: [JSONValue], total: Int? = nil) -> Response {
            var data: JSONObject = ["items": .array(items), "page": .int(number), "page_size": .int(size)]
            if let total { data["total"] = .int(total) }
            return CustomerSystemRoutes.envelope(.object(data))
        }
    }
}
