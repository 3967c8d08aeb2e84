import NIOHTTP1
import Testing
@testable import Switchyard

/// `GET /openapi.json`: a document that parses, lists exactly the routes the gateway registers, and says truly which
/// of them take a key.
@Suite struct OpenAPIDocumentTests {
    /// Every route the gateway registers, as `METHOD /path` with `{name}` for a captured segment. A route added to the
    /// gateway belongs here and in the document.
    static let registeredRoutes: Set<String> = Set<String>([
        "POST /v1/chat/completions", "POST /v1/completions", "POST /v1/embeddings", "POST /v1/images/generations", "POST /v1/images/edits",
        "POST /v1/responses",
        "POST /v1/moderations", "POST /v1/audio/speech", "POST /v1/audio/transcriptions", "POST /v1/audio/translations", "GET /v1/models",
        "GET /v1/models/{id}", "POST /v1/messages", "POST /v1/messages/count_tokens",
        "POST /dream-machine/v1/generations", "POST /dream-machine/v1/generations/video", "POST /dream-machine/v1/generations/image",
        "POST /dream-machine/v1/generations/video/modify", "POST /dream-machine/v1/generations/video/reframe",
        "POST /dream-machine/v1/generations/image/reframe", "POST /dream-machine/v1/generations/{id}/upscale",
        "POST /dream-machine/v1/generations/{id}/audio", "GET /dream-machine/v1/generations/{id}", "DELETE /dream-machine/v1/generations/{id}",
        "GET /dream-machine/v1/generations", "GET /dream-machine/v1/generations/concepts/list",
        "GET /dream-machine/v1/generations/camera_motion/list", "GET /dream-machine/v1/credits", "GET /dream-machine/v1/ping",
        "POST /suno/submit/music", "POST /suno/submit/lyrics", "POST /suno/submit/concat", "POST /suno/uploads/audio-url",
        "POST /suno/persona/create", "GET /suno/act/{action}/{clip_id}", "GET /suno/fetch/{id}", "POST /suno/fetch", "GET /suno/feed/{ids}",
        "POST /udio/submit/music", "POST /udio/generate-proxy", "GET /udio/fetch/{task_id}", "GET /udio/query",
        "POST /flux/v1/flux-pro-1.1", "POST /flux/v1/flux-pro-1.1-ultra", "POST /flux/v1/flux-pro", "POST /flux/v1/flux-dev",
        "POST /flux/v1/flux-kontext-pro", "POST /flux/v1/flux-kontext-max", "POST /flux/v1/flux-pro-1.0-fill", "POST /flux/v1/flux-pro-1.0-expand",
        "POST /flux/v1/flux-pro-1.0-canny", "POST /flux/v1/flux-pro-1.0-depth", "POST /flux/v1/flux-2-pro", "POST /flux/v1/flux-2-max",
        "POST /flux/v1/flux-2-flex", "GET /flux/v1/get_result",
        "POST /recraft/v1/images/generations", "POST /recraft/v1/images/imageToImage", "POST /recraft/v1/images/inpaint",
        "POST /recraft/v1/images/replaceBackground", "POST /recraft/v1/images/vectorize", "POST /recraft/v1/images/removeBackground",
        "POST /recraft/v1/images/clarityUpscale", "POST /recraft/v1/images/generativeUpscale", "POST /recraft/v1/styles",
        "POST /ideogram/generate", "POST /ideogram/remix", "POST /ideogram/edit", "POST /ideogram/upscale", "POST /ideogram/describe",
        "POST /ideogram/v1/ideogram-v3/generate", "POST /ideogram/v1/ideogram-v3/edit", "POST /ideogram/v1/ideogram-v3/remix",
        "POST /ideogram/v1/ideogram-v3/reframe", "POST /ideogram/v1/ideogram-v3/replace-background",
        "POST /replicate/v1/predictions", "POST /replicate/v1/models/{owner}/{name}/predictions",
        "POST /replicate/v1/deployments/{owner}/{name}/predictions", "GET /replicate/v1/predictions/{id}", "GET /replicate/v1/predictions",
        "POST /replicate/v1/predictions/{id}/cancel", "GET /replicate/v1/models/{owner}/{name}", "GET /replicate/v1/models/{owner}/{name}/versions",
        "GET /replicate/v1/models/{owner}/{name}/versions/{version}", "GET /replicate/v1/webhooks/default/secret",
        "POST /runwayml/v1/image_to_video", "POST /runwayml/v1/text_to_image", "POST /runwayml/v1/video_to_video",
        "POST /runwayml/v1/video_upscale", "POST /runwayml/v1/character_performance", "GET /runwayml/v1/tasks/{id}",
        "DELETE /runwayml/v1/tasks/{id}", "GET /runwayml/v1/organization",
        "POST /minimax/v1/video_generation", "GET /minimax/v1/query/video_generation", "GET /minimax/v1/files/retrieve",
        "POST /pika/generate", "GET /pika/feed/{id}",
        "GET /v1/dashboard/billing/subscription", "GET /v1/dashboard/billing/usage", "GET /dashboard/billing/subscription",
        "GET /dashboard/billing/usage", "GET /api/user/self", "GET /api/token/self", "GET /api/log/self", "GET /api/task/self",
        "GET /api/user", "POST /api/user", "GET /api/user/{id}", "PUT /api/user/{id}", "POST /api/user/{id}/topup", "POST /api/user/{id}/adjust",
        "GET /api/group", "POST /api/group", "GET /api/token", "POST /api/token", "PUT /api/token/{id}", "POST /api/token/{id}/enable",
        "POST /api/token/{id}/disable", "POST /api/token/{id}/revoke", "POST /api/token/{id}/topup", "GET /api/channel", "POST /api/channel",
        "PUT /api/channel/{id}", "POST /api/channel/{id}/enable", "POST /api/channel/{id}/disable", "GET /api/channel/test/{id}",
        "GET /api/pricing", "POST /api/pricing", "DELETE /api/pricing", "GET /api/topup", "GET /api/ledger", "GET /api/summary",
        "GET /api/reconcile", "POST /api/reconcile/{id}", "GET /api/log", "GET /api/task", "GET /api/status",
        "GET /health", "GET /metrics", "GET /openapi.json", "GET /media/{id}",
    ]).union(midjourneyRoutes).union(klingRoutes)

    /// Kling's routes: for each kind a create call, the caller's tasks of that kind, and one of them.
    static let klingRoutes: Set<String> = Set(
        [
            "videos/text2video", "videos/image2video", "videos/video-extend", "videos/lip-sync", "videos/effects", "images/generations",
            "images/kolors-virtual-try-on",
        ].flatMap { ["POST /kling/v1/\($0)", "GET /kling/v1/\($0)", "GET /kling/v1/\($0)/{task_id}"] })

    /// The midjourney-proxy routes, under `/mj` and again behind each speed prefix.
    static let midjourneyRoutes: Set<String> = Set(
        ["", "/mj-fast", "/mj-relax", "/mj-turbo"].flatMap { prefix in
            [
                "POST /mj/submit/imagine", "POST /mj/submit/action", "POST /mj/submit/modal", "POST /mj/submit/blend", "POST /mj/submit/describe",
                "POST /mj/submit/shorten", "POST /mj/submit/video", "POST /mj/submit/edits", "POST /mj/insight-face/swap",
                "POST /mj/submit/upload-discord-images", "GET /mj/task/{id}/fetch",
                "POST /mj/task/list-by-condition", "GET /mj/task/{id}/image-seed",
            ].map { $0.replacingOccurrences(of: " /mj/", with: " \(prefix)/mj/") }
        })

    /// The routes that take no key.
    static let publicRoutes: Set<String> = [
        "GET /health", "GET /metrics", "GET /openapi.json", "GET /dream-machine/v1/ping", "GET /api/status", "GET /media/{id}",
    ]
    /// Open routes whose path names something that must exist: an unknown id answers 404 without a key, not 401.
    static let capabilityRoutes: Set<String> = ["GET /media/{id}"]

    @Test func theDocumentListsEveryRegisteredRouteAndNoOther() async throws {
        try await TestHarness.run { harness in
            let answer = try await harness.call(.GET, harness.baseURL + "/openapi.json", key: nil)
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "Content-Type") == "application/json")
            let document = try #require(answer.json)
            #expect(document["openapi"] == "3.1.0")
            let paths = try #require(document["paths"]?.objectValue)
            var documented = Set<String>()
            for path in paths.keys {
                for method in paths[path]?.objectValue?.keys ?? [] { documented.insert("\(method.uppercased()) \(path)") }
            }
            #expect(documented.subtracting(Self.registeredRoutes).isEmpty, "documented but not registered")
            #expect(Self.registeredRoutes.subtracting(documented).isEmpty, "registered but not documented")
        }
    }

    /// Each documented route exists on the live gateway (an unknown one answers 404), and answers a call without a
    /// key as its `security` says: 401 in the family's shape, or 200 for the few open ones.
    @Test func everyDocumentedRouteIsServedAndGuardedAsDocumented() async throws {
        try await TestHarness.run { harness in
            let document = try #require(try await harness.call(.GET, harness.baseURL + "/openapi.json", key: nil).json)
            let paths = try #require(document["paths"]?.objectValue)
            let key = try await harness.customerKey()
            let unknown = try await harness.call(.GET, harness.baseURL + "/v1/no-such-route", key: nil)
            #expect(unknown.status == 404)
            for path in paths.keys {
                for (method, operation) in try #require(paths[path]?.objectValue).keys.map({ ($0, paths[path]?[$0]) }) {
                    let route = "\(method.uppercased()) \(path)"
                    let concrete = path.replacingOccurrences(of: "{action}", with: "wav").replacingOccurrences(of: "{clip_id}", with: "c1")
                        .replacingOccurrences(of: "{ids}", with: "a,b").replacingOccurrences(of: "{id}", with: "1")
                    let answer = try await harness.call(.init(rawValue: method.uppercased()), harness.baseURL + concrete, key: nil)
                    let open = operation?["security"] == .array([])
                    #expect(open == Self.publicRoutes.contains(route), "\(route): security")
                    let expected = Self.capabilityRoutes.contains(route) ? 404 : (open ? 200 : 401)
                    #expect(answer.status == expected, "\(route) without a key answered \(answer.status)")
                    if !open { #expect(Self.isFamilyError(answer.json, path: path), "\(route): \(answer.body)") }
                    // Where the document offers `x-api-key`, a key sent that way is taken.
                    if case .array(let options)? = operation?["security"], options.contains(where: { $0["apiKey"] != nil }) {
                        let withHeader = try await harness.call(
                            .init(rawValue: method.uppercased()), harness.baseURL + concrete, key: nil, headers: [("x-api-key", key)])
                        #expect(withHeader.status != 401, "\(route) refused its key in x-api-key")
                    }
                }
            }
        }
    }

    @Test func everyErrorSchemaTheOperationsNameExists() throws {
        let document = OpenAPIDocument.document()
        let schemas = try #require(document["components"]?["schemas"]?.objectValue)
        for operation in OpenAPIDocument.operations {
            let rendered = operation.rendered(pathParameterSchemas: OpenAPIDocument.pathParameterSchemas)
            let reference = try #require(rendered["responses"]?["4XX"]?["content"]?["application/json"]?["schema"]?["$ref"]?.stringValue)
            #expect(schemas[String(reference.split(separator: "/").last ?? "")] != nil, "\(operation.operationID)")
            for name in operation.pathParameters { #expect(operation.path.contains("{\(name)}")) }
        }
    }

    /// The body shape each family's dialect writes, as the document's error schemas describe them.
    static func isFamilyError(_ body: JSONValue?, path: String) -> Bool {
        guard let body else { return false }
        if path.hasPrefix("/dream-machine/") || path.hasPrefix("/flux/") || path.hasPrefix("/ideogram/") { return body["detail"]?.stringValue != nil }
        if path.hasPrefix("/suno/") || path.hasPrefix("/udio/") || path.hasPrefix("/recraft/") {
            return body["code"]?.stringValue != nil && body["message"]?.stringValue != nil
        }
        if path.hasPrefix("/minimax/") { return body["base_resp"]?["status_code"]?.intValue.map { $0 != 0 } == true }
        if path.hasPrefix("/mj") { return body["code"]?.intValue != nil && body["description"]?.stringValue != nil }
        if path.hasPrefix("/kling/") { return (body["code"]?.intValue ?? 0) != 0 && body["message"]?.stringValue != nil && body["data"] == .null }
        if path.hasPrefix("/runwayml/") { return body["error"]?.stringValue != nil }
        if path.hasPrefix("/v1/messages") { return body["type"] == "error" && body["error"]?["message"]?.stringValue != nil }
        if path.hasPrefix("/replicate/") { return body["detail"]?.stringValue != nil && body["status"]?.intValue != nil }
        if path.hasPrefix("/api/") { return body["success"] == false && body["message"]?.stringValue != nil }
        return body["error"]?["message"]?.stringValue != nil && body["error"]?["type"]?.stringValue != nil
    }
}
