/// The customer's account routes and the administrators' API under `/api/`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema
    private typealias Query = OpenAPIOperation.Query

    /// The platform's envelope, `{"success":true,"message":"","data":...}`.
    private static let envelope = OpenAPIOperation.Answer.json(
        S.object(["success": S.constant(true), "message": S.string(), "data": .object([:])], required: ["success", "data"]))
    private static let pages = [
        Query(name: "page", schema: S.integer(minimum: 1, maximum: 100_000)), Query(name: "page_size", schema: S.integer(minimum: 1, maximum: 100)),
    ]
    private static let unixSeconds = S.integer("Unix time in seconds", minimum: 0, maximum: (1 << 40) - 1)
    private static let day = S.string("A date, YYYY-MM-DD (UTC)", format: "date")
    private static let dollars = S.string("US dollars, such as \"10.00\"", maxLength: 30)
    private static let taskStates = TaskState.allCases.map(\.rawValue)
    private static let rpm = S.integer("Requests per minute", minimum: 1, maximum: 1_000_000)
    private static let commaList = S.string("Comma-separated", maxLength: 10_000)

    private static func customer(_ path: String, _ summary: String, query: [Query] = []) -> OpenAPIOperation {
        .init(method: .get, path: path, family: .customer, summary: summary, query: query, answer: envelope)
    }

    private static func admin(_ method: OpenAPIOperation.Method, _ path: String, _ summary: String, query: [Query] = [], body: JSONValue? = nil)
        -> OpenAPIOperation
    {
        .init(
            method: method, path: "/api/" + path, family: .admin, summary: summary, query: query, body: body.map(OpenAPIOperation.Body.json),
            answer: envelope)
    }

    static let customerOperations: [OpenAPIOperation] = {
        let billing = ["/v1/dashboard/billing", "/dashboard/billing"].flatMap { prefix in
            [
                OpenAPIOperation(method: .get, path: prefix + "/subscription", family: .openAI, summary: "The key's limit, in US dollars"),
                OpenAPIOperation(
                    method: .get, path: prefix + "/usage", family: .openAI, summary: "Spend between two dates, in US cents",
                    query: [Query(name: "start_date", schema: day), Query(name: "end_date", schema: day)]),
            ]
        }
        let logFilter = [
            Query(name: "model", schema: S.string(maxLength: 200)), Query(name: "start", schema: unixSeconds),
            Query(name: "end", schema: unixSeconds),
        ]
        let taskFilter = [Query(name: "family", schema: S.string(maxLength: 50)), Query(name: "state", schema: S.string(oneOf: taskStates))]
        return billing + [
            customer("/api/user/self", "The key's user: balance, spend, group"),
            customer("/api/token/self", "The key: quota, spend, limits"),
            customer("/api/log/self", "The key's usage log", query: pages + logFilter),
            customer("/api/task/self", "The key's tasks", query: pages + taskFilter),
        ]
    }()

    static let adminOperations: [OpenAPIOperation] = {
        let ids = [Query(name: "user_id", schema: S.string(maxLength: 100)), Query(name: "token_id", schema: S.string(maxLength: 100))]
        let tokenLimits: KeyValuePairs<String, JSONValue> = [
            "name": S.string(minLength: 1, maxLength: 200), "user_id": S.string(maxLength: 100), "quota": dollars,
            "models": S.nullable(commaList), "ips": S.nullable(commaList), "rpm": S.nullable(rpm),
            "expires_at": S.nullable(S.integer("Unix time in seconds", minimum: -999_999_999_999_999, maximum: 999_999_999_999_999)),
        ]
        let channel: KeyValuePairs<String, JSONValue> = [
            "name": S.string(maxLength: 200), "family": S.string(minLength: 1, maxLength: 50), "base_url": S.string(maxLength: 2_048, format: "uri"),
            "key": S.string(minLength: 1, maxLength: 10_000),
            "secret": S.string("The secret of a key pair, for providers that sign their own tokens; never shown", maxLength: 10_000),
            "models": commaList, "priority": S.integer(minimum: -1_000, maximum: 1_000),
            "weight": S.integer(minimum: 1, maximum: 1_000), "model_mapping": S.object([:]),
            "timeout_ms": S.integer(minimum: 100, maximum: 3_600_000),
        ]
        let credit = { (signed: Bool) in
            S.object(
                ["amount": dollars, "idempotency_key": S.string(maxLength: 200), "note": S.string(maxLength: 500)],
                required: signed ? ["amount", "note"] : ["amount"])
        }
        let modifier = S.object(
            [
                "fact": S.string(minLength: 1, maxLength: 100), "equals": S.string(minLength: 1, maxLength: 100),
                "multiplier": S.string(maxLength: 20),
            ],
            required: ["fact", "equals", "multiplier"])
        return [
            admin(.get, "user", "Users", query: pages),
            admin(
                .post, "user", "Create a user",
                body: S.object(
                    [
                        "name": S.string(minLength: 1, maxLength: 200), "role": S.string(oneOf: ["customer", "admin"]),
                        "group": S.string(maxLength: 100),
                        "rpm": rpm,
                    ], required: ["name"])),
            admin(.get, "user/{id}", "One user"),
            admin(
                .put, "user/{id}", "Edit a user's status, group or rate",
                body: S.object([
                    "status": S.string(oneOf: ["active", "disabled"]), "group": S.string(maxLength: 100),
                    "rpm": S.integer("0 removes the limit", minimum: 0, maximum: 1_000_000),
                ])),
            admin(.post, "user/{id}/topup", "Credit a user's balance", body: credit(false)),
            admin(.post, "user/{id}/adjust", "Correct a user's balance (signed amount)", body: credit(true)),
            admin(.get, "group", "Price groups"),
            admin(
                .post, "group", "Create or change a price group",
                body: S.object(
                    ["name": S.string(minLength: 1, maxLength: 100), "multiplier": S.string("Such as \"0.8\"", minLength: 1, maxLength: 20)],
                    required: ["name", "multiplier"])),
            admin(.get, "token", "Keys", query: pages + [Query(name: "user_id", schema: S.string(maxLength: 100))]),
            admin(.post, "token", "Create a key (shown once)", body: S.object(tokenLimits, required: ["name"])),
            admin(.put, "token/{id}", "Edit a key's limits (null removes one)", body: S.object(tokenLimits)),
            admin(.post, "token/{id}/enable", "Enable a key"),
            admin(.post, "token/{id}/disable", "Disable a key"),
            admin(.post, "token/{id}/revoke", "Revoke a key for good"),
            admin(
                .post, "token/{id}/topup", "Add to a key's quota",
                body: S.object(["amount": dollars, "idempotency_key": S.string(maxLength: 200)], required: ["amount"])),
            admin(.get, "channel", "Channels, with health", query: pages),
            admin(.post, "channel", "Add a channel", body: S.object(channel, required: ["family", "base_url", "key"])),
            admin(.put, "channel/{id}", "Edit a channel", body: S.object(channel)),
            admin(.post, "channel/{id}/enable", "Enable a channel"),
            admin(.post, "channel/{id}/disable", "Disable a channel"),
            admin(.get, "channel/test/{id}", "Ask the channel's upstream now"),
            admin(.get, "pricing", "Prices in force", query: [Query(name: "family", schema: S.string(maxLength: 50))]),
            admin(
                .post, "pricing", "Set a price",
                body: S.object(
                    [
                        "family": S.string(minLength: 1, maxLength: 200), "model": S.string(minLength: 1, maxLength: 200),
                        "action": S.string(minLength: 1, maxLength: 200), "usd": dollars, "free": S.boolean(),
                        "input_per_million": dollars, "output_per_million": dollars, "cached_input_per_million": dollars,
                        "modifiers": S.array(modifier, maxItems: 50),
                    ], required: ["family", "model", "action"])),
            admin(
                .delete, "pricing", "Withdraw a price",
                query: ["family", "model", "action"].map { Query(name: $0, schema: S.string(maxLength: 200), required: true) }),
            admin(.get, "topup", "Top-ups and adjustments", query: pages + ids),
            admin(
                .get, "ledger", "Every balance change",
                query: pages + ids + [
                    Query(name: "kind", schema: S.string(maxLength: 50)), Query(name: "reference", schema: S.string(maxLength: 200)),
                ]),
            admin(
                .get, "summary", "Spend by day, model, channel or user",
                query: [
                    Query(name: "by", schema: S.string(oneOf: ["day", "model", "channel", "user"])), Query(name: "start_date", schema: day),
                    Query(name: "end_date", schema: day),
                ]),
            admin(.get, "reconcile", "Tasks whose submission outcome is unknown", query: pages),
            admin(
                .post, "reconcile/{id}", "Refund a task or attach its upstream id",
                body: S.object(
                    [
                        "action": S.string(oneOf: ["refund", "attach"]), "upstream_id": S.string(minLength: 1, maxLength: 200),
                        "channel_id": S.integer(minimum: 1, maximum: Int(Int32.max)),
                    ], required: ["action"])),
            admin(
                .get, "log", "Everyone's usage log",
                query: pages + ids + [
                    Query(name: "model", schema: S.string(maxLength: 200)), Query(name: "start", schema: unixSeconds),
                    Query(name: "end", schema: unixSeconds),
                ]),
            admin(
                .get, "task", "Everyone's tasks",
                query: pages + ids + [
                    Query(name: "family", schema: S.string(maxLength: 50)), Query(name: "state", schema: S.string(oneOf: taskStates)),
                ]),
            // The one route under /api/ that takes no key.
            .init(method: .get, path: "/api/status", family: .admin, summary: "The gateway's name and families", answer: envelope, needsKey: false),
        ]
    }()
}

extension OpenAPIGroup {
    static let customer = OpenAPIGroup(
        tag: "Customer account", errorSchema: "SystemError",
        errorBody: OpenAPISchema.object(
            ["success": OpenAPISchema.constant(false), "message": OpenAPISchema.string(), "data": OpenAPISchema.constant(.null)],
            required: ["success", "message"], "The platform's envelope, failed"),
        security: OpenAPIGroup.bearer)
    static let admin = OpenAPIGroup(tag: "Administration", errorSchema: "SystemError", errorBody: nil, security: OpenAPIGroup.adminBearer)
}
