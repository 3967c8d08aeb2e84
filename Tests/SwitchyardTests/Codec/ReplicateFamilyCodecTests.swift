import Testing

@testable import Switchyard

/// Replicate's codec on its own: statuses read and shown, the per-prediction webhook filter, `Prefer: wait`, the list
/// cursor and the version field.
@Suite struct ReplicateFamilyCodecTests {
    @Test func upstreamStatusesMapToTaskStatesAndBack() throws {
        let family = ReplicateFamily()
        for (status, state) in [("starting", TaskState.queued), ("processing", .running), ("succeeded", .succeeded), ("failed", .failed)] {
            let observation = try #require(ReplicateFamily.observation(of: .object(["status": .string(status), "urls": .object([:])])))
            #expect(observation.state == state)
            #expect(observation.result?["urls"] == nil)
        }
        let canceled = try #require(ReplicateFamily.observation(of: .object(["status": "canceled"])))
        #expect(canceled.state == .failed && canceled.failureReason == ReplicateFamily.canceledReason)
        #expect(ReplicateFamily.observation(of: .object(["status": "dreaming"])) == nil)
        var task = Self.task(state: .failed)
        task.failureReason = ReplicateFamily.canceledReason
        let shown = try #require(JSONValue.parse(family.render(task).utf8))
        #expect(shown["status"] == "canceled" && shown["error"] == .null)
        task.failureReason = "out of memory"
        #expect(JSONValue.parse(family.render(task).utf8)?["error"] == "out of memory")
    }

    @Test func theWebhookFilterNamesTheStatesPosted() {
        let family = ReplicateFamily()
        var task = Self.task(state: .queued)
        #expect(family.callbackStates(of: task) == [.queued, .running, .succeeded, .failed])
        task.request = .object(["webhook_events_filter": .array(["completed"])])
        #expect(family.callbackStates(of: task) == [.succeeded, .failed])
        task.request = .object(["webhook_events_filter": .array(["start", "logs"])])
        #expect(family.callbackStates(of: task) == [.queued, .running])
    }

    @Test func preferWaitCursorsAndVersionsAreRead() throws {
        #expect(try ReplicatePreferWait.seconds(in: []) == nil)
        #expect(try ReplicatePreferWait.seconds(in: ["wait"]) == 60)
        #expect(try ReplicatePreferWait.seconds(in: ["respond-async, wait=5"]) == 5)
        #expect(throws: GatewayError.self) { try ReplicatePreferWait.seconds(in: ["wait=0"]) }
        #expect(throws: GatewayError.self) { try ReplicatePreferWait.seconds(in: ["wait=abc"]) }

        #expect(try ReplicateCursor.offset(ReplicateCursor.cursor(200)) == 200)
        #expect(try ReplicateCursor.offset(nil) == 0)
        #expect(throws: GatewayError.self) { try ReplicateCursor.offset("bm9wZQ") }

        #expect(try ReplicateRequestValidator.target(ofVersion: "a/b:c1") == .version(model: "a/b", id: "c1"))
        #expect(try ReplicateRequestValidator.target(ofVersion: "c1") == .version(model: nil, id: "c1"))
        #expect(throws: GatewayError.self) { try ReplicateRequestValidator.target(ofVersion: "a/b/c:d") }
        #expect(throws: GatewayError.self) { try ReplicateRequestValidator.target(ofVersion: "../x") }
    }

    static func task(state: TaskState) -> TaskRecord {
        TaskRecord(
            id: "abc", family: "replicate", action: "predict", model: "a/b", tokenID: "t", channelID: 1, upstreamID: "u", state: state,
            upstreamStatus: nil, request: .object([:]), upstreamRequest: .null, result: nil, view: nil, failureReason: nil, priceMicros: 0,
            callbackURL: nil, createdAt: 0, updatedAt: 0, finishedAt: state.isTerminal ? 1_000 : nil, pollAttempts: 0)
    }
}
