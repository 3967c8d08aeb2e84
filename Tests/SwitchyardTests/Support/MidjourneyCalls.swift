import Foundation
import SQLKit
import Testing

@testable import Switchyard

/// Midjourney calls for end-to-end tests: submit in the proxy's envelope, wait for a task, press a button.
extension TestHarness {
    /// A small real PNG as a data URI, what clients send in `base64Array`.
    static let pngDataURI = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

    /// POSTs `body` to a Midjourney route (`/mj/submit/imagine`, `/mj-relax/mj/submit/action`…) and returns the
    /// answer, whatever its status.
    func mj(_ path: String, key: String, body: String) async throws -> Answer {
        try await call(.POST, baseURL + path, key: key, body: body)
    }

    /// Submits and returns the new task's id, checking the answer is HTTP 200 with an accepting `code` (1 unless
    /// `code` says otherwise).
    func mjSubmit(_ path: String, key: String, body: String, code: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> String
    {
        let answer = try await mj(path, key: key, body: body)
        #expect(answer.status == 200, "\(answer.body)", sourceLocation: sourceLocation)
        #expect(answer.json?["code"] == .int(code), "\(answer.body)", sourceLocation: sourceLocation)
        return try #require(answer.json?["result"]?.stringValue, "\(answer.body)", sourceLocation: sourceLocation)
    }

    /// `GET /mj/task/{id}/fetch`.
    func mjTask(_ id: String, key: String) async throws -> JSONValue {
        try #require(try await call(.GET, baseURL + "/mj/task/\(id)/fetch", key: key).json)
    }

    /// Fetches a task until it is SUCCESS or FAILURE (or the time runs out) and returns it.
    func waitForMidjourneyTask(_ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        var task = JSONValue.null
        try await waitUntil(seconds: seconds) {
            task = try await mjTask(id, key: key)
            return ["SUCCESS", "FAILURE"].contains(task["status"]?.stringValue ?? "")
        }
        return task
    }

    /// Submits an imagine and waits for it to succeed; returns the finished task.
    func mjImagine(_ prompt: String, key: String, path: String = "/mj/submit/imagine") async throws -> JSONValue {
        let id = try await mjSubmit(path, key: key, body: JSONValue.object(["prompt": .string(prompt)]).encoded())
        let task = try await waitForMidjourneyTask(id, key: key)
        #expect(task["status"] == "SUCCESS", "\(task.encoded())")
        return task
    }

    /// Presses the button of `task` whose customId contains `marker` (`upsample::1`, `Outpaint::50`…) and returns
    /// the submit answer.
    func mjPress(_ marker: String, on task: JSONValue, key: String, path: String = "/mj/submit/action") async throws -> Answer {
        let button = try #require(mjButton(marker, of: task), "no \(marker) button in \(task.encoded())")
        let body = JSONValue.object(["taskId": task["id"] ?? .null, "customId": .string(button)]).encoded()
        return try await mj(path, key: key, body: body)
    }

    /// The channel a task ran on, by name (`mj-relax-0`).
    func channelName(ofTask id: String) async throws -> String? {
        try await database.read.raw("SELECT c.name FROM tasks t JOIN channels c ON c.id = t.channel_id WHERE t.id = \(bind: id)").first()?
            .decode(column: "name", as: String.self)
    }
}

/// The customId of `task`'s button containing `marker`.
func mjButton(_ marker: String, of task: JSONValue) -> String? {
    task["buttons"]?.arrayValue?.compactMap { $0["customId"]?.stringValue }.first { $0.contains(marker) }
}
