import NIOHTTP1
import SQLKit
import Testing
@testable import Switchyard

/// Drives one task family through a harness by its conformance profile: submit, read back, wait for the end.
struct TaskFamilyConformanceDriver {
    let harness: TestHarness
    let profile: TaskFamilyConformanceProfile

    /// Submits a task with `prompt` and returns the raw answer.
    func submit(_ prompt: String, key: String, callbackURL: String? = nil) async throws -> TestHarness.Answer {
        try await harness.call(
            .POST, harness.baseURL + profile.submitPath, key: key, body: profile.body(prompt, callbackURL), headers: profile.headers)
    }

    /// Submits a task that the upstream accepts and returns its id.
    func submitAccepted(_ prompt: String, key: String, callbackURL: String? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> String
    {
        let answer = try await submit(prompt, key: key, callbackURL: callbackURL)
        #expect(answer.status == profile.createdStatus, "\(profile.family): \(answer.body)", sourceLocation: sourceLocation)
        return try #require(
            answer.json.flatMap(profile.submittedID), "\(profile.family): no task id in \(answer.body)", sourceLocation: sourceLocation)
    }

    /// The task object a customer reads back, or nil when the answer is not a task.
    func fetch(_ id: String, key: String) async throws -> (answer: TestHarness.Answer, task: JSONValue?) {
        let answer = try await harness.call(.GET, harness.baseURL + profile.fetchPath(id), key: key, headers: profile.headers)
        return (answer, answer.status == 200 ? answer.json.flatMap(profile.taskObject) : nil)
    }

    /// Reads the task back until it has an outcome and returns its last object (failing the test when it never ends).
    func waitForEnd(_ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        var last: JSONValue?
        try await waitUntil(seconds: seconds) {
            last = try await fetch(id, key: key).task
            return last.flatMap(profile.outcome) != nil
        }
        return last ?? .null
    }

    /// Every charge entry (hold, settle, refund) in the harness's ledger, oldest first: a harness serves one test,
    /// so these are the test's own.
    func chargeKinds() async throws -> [String] {
        try await harness.database.read.raw(
            "SELECT kind FROM ledger_entries WHERE kind IN ('hold', 'settle', 'refund') ORDER BY id"
        ).all().map { try $0.decode(column: "kind", as: String.self) }
    }
}
