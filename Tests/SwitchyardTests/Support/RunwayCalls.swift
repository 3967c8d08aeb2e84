import Foundation
import NIOHTTP1
import Testing

@testable import Switchyard

/// Runway calls for end-to-end tests: every call carries `X-Runway-Version`, as the `runwayml` SDK sends it.
extension TestHarness {
    static let runwayVersion = ("X-Runway-Version", "2024-11-06")

    /// One call under `/runwayml/v1`, with the version header unless `version` is nil.
    func runway(
        _ method: HTTPMethod, _ path: String, key: String?, body: String? = nil, version: String? = TestHarness.runwayVersion.1
    ) async throws -> Answer {
        try await call(method, baseURL + "/runwayml/v1" + path, key: key, body: body, headers: version.map { [("X-Runway-Version", $0)] } ?? [])
    }

    /// Creates a task on `route` and returns its id (the create answers 200 `{"id"}`).
    func runwayCreate(_ route: String, _ body: String, key: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let answer = try await runway(.POST, "/\(route)", key: key, body: body)
        #expect(answer.status == 200, "\(answer.body)", sourceLocation: sourceLocation)
        #expect(answer.json?.objectValue?.keys == ["id"], "\(answer.body)", sourceLocation: sourceLocation)
        return try #require(answer.json?["id"]?.stringValue, "\(answer.body)", sourceLocation: sourceLocation)
    }

    /// Reads task `id` until `done` holds for it (by default: it ended) and returns it.
    func waitForRunwayTask(
        _ id: String, key: String, seconds: Double = 10,
        until done: @escaping (JSONValue) -> Bool = { ["SUCCEEDED", "FAILED"].contains($0["status"]?.stringValue ?? "") }
    ) async throws -> JSONValue {
        var task = JSONValue.null
        try await waitUntil(seconds: seconds) {
            task = try await runway(.GET, "/tasks/\(id)", key: key).json ?? .null
            return done(task)
        }
        return task
    }

    /// A valid `image_to_video` body with `prompt` as its `promptText`.
    static func runwayImageToVideo(_ prompt: String, duration: Int = 5, model: String = "gen4_turbo", ratio: String = "1280:720") -> String {
        JSONValue.object([
            "model": .string(model), "promptImage": "https://example.com/cat.png", "ratio": .string(ratio), "duration": .int(duration),
            "promptText": .string(prompt),
        ]).encoded()
    }
}
