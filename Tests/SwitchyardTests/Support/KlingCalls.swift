import Foundation
import NIOHTTP1
import Testing

@testable import Switchyard

/// Kling calls for end-to-end tests: create, read back until the task ends, list.
extension TestHarness {
    /// One call under `/kling/v1/`, its status and JSON body.
    func kling(_ method: HTTPMethod, _ path: String, key: String, body: String? = nil) async throws -> Answer {
        try await call(method, baseURL + "/kling/v1/" + path, key: key, body: body)
    }

    /// Creates a task at `path` ("videos/text2video") and returns its task object from Kling's success envelope.
    func klingCreate(_ path: String, _ body: String, key: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let answer = try await kling(.POST, path, key: key, body: body)
        #expect(answer.status == 200, "\(answer.body)", sourceLocation: sourceLocation)
        #expect(answer.json?["code"]?.intValue == 0 && answer.json?["message"] == "SUCCEED", "\(answer.body)", sourceLocation: sourceLocation)
        return try #require(answer.json?["data"], "\(answer.body)", sourceLocation: sourceLocation)
    }

    /// Reads task `id` at `path` until it is `succeed` or `failed` (or the time runs out) and returns it.
    func waitForKlingTask(_ path: String, _ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        var task = JSONValue.null
        try await waitUntil(seconds: seconds) {
            task = try await kling(.GET, "\(path)/\(id)", key: key).json?["data"] ?? .null
            return ["succeed", "failed"].contains(task["task_status"]?.stringValue ?? "")
        }
        return task
    }

    /// Creates a task at `path`, waits for it to end and returns it.
    func klingTask(_ path: String, _ body: String, key: String) async throws -> JSONValue {
        let created = try await klingCreate(path, body, key: key)
        return try await waitForKlingTask(path, try #require(created["task_id"]?.stringValue), key: key)
    }

    /// The amount held for task `id` (what it is charged when it succeeds), in micro-dollars.
    func heldMicros(_ id: String) async throws -> Int64 {
        abs(try #require(try await ledger(id).first { $0.kind == "hold" }).amountMicros)
    }
}

/// Kling's error envelope: `code` and `message`, with `request_id` and a null `data`.
func klingError(_ answer: TestHarness.Answer) -> (code: Int, message: String)? {
    guard let json = answer.json, let code = json["code"]?.intValue, code != 0, json["data"] == .null, json["request_id"]?.stringValue != nil,
        let message = json["message"]?.stringValue
    else { return nil }
    return (code, message)
}
