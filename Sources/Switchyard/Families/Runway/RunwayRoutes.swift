import Foundation
import Hummingbird

/// Runway's customer-facing API under `/runwayml/v1`, as the `runwayml` SDK calls it with `base_url` set to
/// `<gateway>/runwayml`. Every route checks the caller's key, then `X-Runway-Version`, as Runway does.
struct RunwayRoutes: Sendable {
    let table: TaskRoutes
    let validator: RunwayRequestValidator

    /// The create routes and how each validates its body.
    private var creates: [(path: String, validate: @Sendable (RunwayRequestValidator, JSONObject, String) throws -> TaskCall)] {
        [
            ("image_to_video", { try $0.imageToVideo($1, version: $2) }),
            ("text_to_image", { try $0.textToImage($1, version: $2) }),
            ("video_to_video", { try $0.videoToVideo($1, version: $2) }),
            ("video_upscale", { try $0.videoUpscale($1, version: $2) }),
            ("character_performance", { try $0.characterPerformance($1, version: $2) }),
        ]
    }

    func register(on router: Router<GatewayRequestContext>) {
        var operations: [TaskRoutes.Operation] = creates.map { route in
            .custom(.post, route.path) { request, context in
                let token = try await table.authenticate(request, context)
                let version = try RunwayVersion.require(request)
                let call = try route.validate(validator, try await RequestBody.jsonObject(request, limit: table.bodyLimit), version)
                let task = try await table.submit(call, token: token, context: context)
                return .json(JSONValue.object(["id": .string(task.id)]).encoded())
            }
        }
        operations += [
            .custom(.get, "tasks/:id") { request, context in
                let token = try await table.authenticate(request, context, readOnly: true)
                _ = try RunwayVersion.require(request)
                guard let view = try await table.view(of: try context.parameters.require("id"), token: token) else {
                    throw GatewayError.notFound("Task")
                }
                return .json(view)
            },
            // A live task is cancelled upstream and refunded; a finished one is deleted and its charge stays.
            .custom(.delete, "tasks/:id") { request, context in
                let token = try await table.authenticate(request, context)
                _ = try RunwayVersion.require(request)
                let id = try context.parameters.require("id")
                guard try await table.engine.delete(id: id, family: table.family, ownedBy: token.id, logger: context.logger) else {
                    throw GatewayError.notFound("Task")
                }
                return Response(status: .noContent)
            },
            .custom(.get, "organization") { request, context in
                let token = try await table.authenticateWithBalance(request, context)
                _ = try RunwayVersion.require(request)
                return .json(try await organization(token: token).encoded())
            },
        ]
        table.register(operations, under: "runwayml/v1", on: router)
    }

    /// The caller's account in Runway's shape: the balance in credits (1 credit = $0.01), no per-model limits of
    /// the gateway's own, and today's generations per model.
    private func organization(token: Token) async throws -> JSONValue {
        // An unlimited key has no balance to report; it shows a fixed large figure rather than an error.
        let credits = token.spendableMicros.map { max($0, 0) / RunwayPrices.microsPerCredit } ?? 1_000_000_000
        let limits: JSONObject = JSONObject(
            RunwayCatalog.models.map { ($0, .object(["maxConcurrentGenerations": .null, "maxDailyGenerations": .null])) })
        return .object([
            "creditBalance": .number(Double(credits)),
            "tier": .object(["maxMonthlyCreditSpend": .number(Double(credits)), "models": .object(limits)]),
            "usage": .object(["models": .object(try await todaysGenerations(of: token))]),
        ])
    }

    /// The caller's tasks created since midnight UTC, counted per model (the newest thousand at most).
    private func todaysGenerations(of token: Token) async throws -> JSONObject {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let midnight = Int64(calendar.startOfDay(for: Date()).timeIntervalSince1970 * 1000)
        let page = try await table.engine.store.list(family: table.family.name, ownedBy: token.id, limit: 1_000, offset: 0)
        var counts: [String: Int] = [:]
        for task in page.tasks where task.createdAt >= midnight { counts[task.model, default: 0] += 1 }
        return JSONObject(counts.sorted { $0.key < $1.key }.map { ($0.key, .object(["dailyGenerations": .int($0.value)])) })
    }
}
