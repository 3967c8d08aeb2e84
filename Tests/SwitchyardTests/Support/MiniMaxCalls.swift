import Foundation
import Testing

@testable import Switchyard

/// MiniMax calls for end-to-end tests: create, query until the task ends, retrieve a file.
extension TestHarness {
    /// `POST /minimax/v1/video_generation` with `body`.
    func miniMaxCreate(_ body: String, key: String) async throws -> Answer {
        try await call(.POST, baseURL + "/minimax/v1/video_generation", key: key, body: body)
    }

    /// Creates a task the gateway accepts and returns its id (failing the test otherwise).
    func miniMaxTask(_ body: String, key: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let answer = try await miniMaxCreate(body, key: key)
        #expect(answer.status == 200, "\(answer.body)", sourceLocation: sourceLocation)
        #expect(answer.json?["base_resp"]?["status_code"] == 0, "\(answer.body)", sourceLocation: sourceLocation)
        return try #require(answer.json?["task_id"]?.stringValue, "\(answer.body)", sourceLocation: sourceLocation)
    }

    /// `GET /minimax/v1/query/video_generation?task_id=`.
    func miniMaxQuery(_ id: String, key: String) async throws -> Answer {
        try await call(.GET, baseURL + "/minimax/v1/query/video_generation?task_id=\(id)", key: key)
    }

    /// `GET /minimax/v1/files/retrieve?file_id=`.
    func miniMaxRetrieve(_ fileID: String, key: String) async throws -> Answer {
        try await call(.GET, baseURL + "/minimax/v1/files/retrieve?file_id=\(fileID)", key: key)
    }

    /// Queries until the status is Success or Fail and returns the query object.
    func waitForMiniMaxTask(_ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        var task = JSONValue.null
        try await waitUntil(seconds: seconds) {
            task = try await miniMaxQuery(id, key: key).json ?? .null
            return ["Success", "Fail"].contains(task["status"]?.stringValue ?? "")
        }
        return task
    }
}
