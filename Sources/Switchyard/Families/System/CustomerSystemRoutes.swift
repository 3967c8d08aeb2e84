import Foundation
import Hummingbird
import SQLKit

/// The platform's own endpoints for customers, with their key: the OpenAI-compatible billing pair that chat
/// front-ends read a balance from, and the caller's token, usage log and tasks.
struct CustomerSystemRoutes: Sendable {
    let database: Database
    let authenticator: CustomerAuthenticator
    let users: UserStore

    func register(on router: Router<GatewayRequestContext>) {
        for prefix in ["v1/dashboard/billing", "dashboard/billing"] {
            router.get(RouterPath("\(prefix)/subscription")) { request, context in try await subscription(request, context) }
            router.get(RouterPath("\(prefix)/usage")) { request, context in try await usage(request, context) }
        }
        router.get("api/user/self") { request, context in try await userSelf(request, context) }
        router.get("api/token/self") { request, context in try await tokenSelf(request, context) }
        router.get("api/log/self") { request, context in try await logSelf(request, context) }
        router.get("api/task/self") { request, context in try await taskSelf(request, context) }
    }

    /// Unlimited tokens report a large limit, as the platforms these replace do.
    static let unlimitedDollars = 100_000_000.0

    /// The key's limit such that limit − usage (what `/usage` reports) is what the key can still spend: the least
    /// of its own remaining quota and its user's balance.
    private func subscription(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.current(authenticator.authenticate(request, context: context))
        let limit = token.spendableMicros.map { Double(token.usedMicros + max(0, $0)) / Double(Money.microsPerDollar) } ?? Self.unlimitedDollars
        return .json(
            JSONValue.object([
                "object": "billing_subscription", "has_payment_method": true, "soft_limit_usd": .number(limit), "hard_limit_usd": .number(limit),
                "system_hard_limit_usd": .number(limit), "access_until": 0,
            ]).encoded())
    }

    /// Spend between two dates (inclusive, UTC), in US cents: settled task holds and chat charges.
    private func usage(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        let query = request.uri.queryParameters
        let start = try Self.day(query["start_date"].map(String.init), name: "start_date") ?? 0
        let end = (try Self.day(query["end_date"].map(String.init), name: "end_date") ?? Int64.max / 2) + 86_400_000
        let row = try await database.read.raw(
            """
            SELECT COALESCE(SUM(amount_micros), 0) AS spent FROM ledger_entries
            WHERE token_id = \(bind: token.id) AND kind IN ('settle', 'charge') AND created_at >= \(bind: start) AND created_at < \(bind: end)
            """
        ).first()
        let spent = try row?.decode(column: "spent", as: Int64.self) ?? 0
        return .json(JSONValue.object(["object": "list", "total_usage": .number(Double(spent) / 10_000)]).encoded())
    }

    private func tokenSelf(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.current(authenticator.authenticate(request, context: context))
        let data: JSONObject = [
            "id": .string(token.id), "name": .string(token.name), "status": .string(token.status), "unlimited_quota": .bool(token.quotaMicros == nil),
            "remaining_quota": token.remainingMicros.map { .string(Money.format($0)) } ?? .null,
            // What the key can spend now: the lesser of its own quota and its user's balance.
            "spendable": token.spendableMicros.map { .string(Money.format($0)) } ?? .null,
            "used_quota": .string(Money.format(token.usedMicros)),
            "held_quota": .string(Money.format(token.heldMicros)), "created_at": .int(Int(token.createdAt / 1000)),
            "expired_at": token.expiresAt.map { .int(Int($0 / 1000)) } ?? -1,
        ]
        return Self.envelope(.object(data))
    }

    /// The caller's user: balance, spend, group and multiplier, and request rate.
    private func userSelf(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        guard let userID = token.userID, let user = try await users.find(id: userID) else { throw GatewayError.notFound("User") }
        var data: JSONObject = [
            "id": .string(user.id), "name": .string(user.name), "role": .string(user.role), "group": .string(user.group),
            "price_multiplier": .string(PriceModifier.format(permille: token.priceMultiplierPermille)),
            "unlimited_quota": .bool(user.quotaMicros == nil), "quota": user.balanceMicros.map { .string(Money.format($0)) } ?? .null,
            "used_quota": .string(Money.format(user.usedMicros)), "held_quota": .string(Money.format(user.heldMicros)),
        ]
        data["rpm"] = user.requestsPerMinute.map { .int($0) } ?? .null
        return Self.envelope(.object(data))
    }

    private func logSelf(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        let query = request.uri.queryParameters
        let page = try SystemQueries.page(request)
        let start = try SystemQueries.instant(query["start"].map(String.init), name: "start") ?? 0
        let end = try SystemQueries.instant(query["end"].map(String.init), name: "end") ?? Int64.max / 2
        let model = query["model"].map(String.init)
        let items = try await SystemQueries.usage(
            database: database, tokenID: token.id, model: model, start: start, end: end, limit: page.size, offset: page.offset)
        return page.envelope(items)
    }

    private func taskSelf(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        let query = request.uri.queryParameters
        let page = try SystemQueries.page(request)
        let family = query["family"].map(String.init)
        let state = try SystemQueries.state(query["state"].map(String.init))
        let items = try await SystemQueries.tasks(
            database: database, tokenID: token.id, family: family, state: state, limit: page.size, offset: page.offset)
        return page.envelope(items)
    }

    static func envelope(_ data: JSONValue) -> Response {
        .json(JSONValue.object(["success": true, "message": "", "data": data]).encoded())
    }

    /// Midnight UTC of a `YYYY-MM-DD` date, in milliseconds.
    static func day(_ text: String?, name: String) throws -> Int64? {
        guard let text else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        // A year past 9999 would overflow the milliseconds it is turned into.
        guard parts.count == 3, (1970...9999).contains(parts[0]) else { throw GatewayError.validation(field: name, "must be a date YYYY-MM-DD") }
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw GatewayError.validation(field: name, "must be a date YYYY-MM-DD")
        }
        return Int64(date.timeIntervalSince1970 * 1000)
    }
}
