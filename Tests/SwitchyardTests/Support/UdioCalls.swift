import Foundation
import Testing

@testable import Switchyard

/// Udio calls for end-to-end tests: submit, wait for the task to end, query songs.
extension TestHarness {
    /// Submits a Udio generate body to `path` and returns the task id from the success envelope.
    func udioSubmit(_ body: String, key: String, path: String = "/udio/submit/music") async throws -> String {
        try #require(try await suno(.POST, path, key: key, body: body).stringValue)
    }

    /// Fetches a Udio task until it is SUCCESS or FAILURE (or the time runs out) and returns it.
    func waitForUdioTask(_ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        var task = JSONValue.null
        try await waitUntil(seconds: seconds) {
            task = try await suno(.GET, "/udio/fetch/\(id)", key: key)
            return ["SUCCESS", "FAILURE"].contains(task["status"]?.stringValue ?? "")
        }
        return task
    }

    /// Submits `body`, waits for the task to end and returns it.
    func udioSong(_ body: String, key: String) async throws -> JSONValue {
        try await waitForUdioTask(try await udioSubmit(body, key: key), key: key)
    }

    /// `GET /udio/query?ids=`: the songs the gateway answers.
    func udioQuery(_ ids: [String], key: String) async throws -> [JSONValue] {
        let answer = try await call(.GET, baseURL + "/udio/query?ids=\(ids.joined(separator: ","))", key: key)
        #expect(answer.status == 200, "\(answer.body)")
        return answer.json?["songs"]?.arrayValue ?? []
    }
}

/// The songs of a Udio task object.
func udioSongs(_ task: JSONValue) -> [JSONValue] {
    task["data"]?.arrayValue ?? []
}
