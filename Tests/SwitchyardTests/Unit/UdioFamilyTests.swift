import NIOCore
import Testing

@testable import Switchyard

/// Udio's task codec on fixtures: what a submit and a poll answer mean, and what a customer sees of a task.
@Suite struct UdioFamilyTests {
    let family = UdioFamily()

    static func answer(_ json: String, status: Int = 200) -> UpstreamResponse {
        UpstreamResponse(status: status, headers: [:], body: ByteBuffer(string: json))
    }

    static let song = #"{"id":"up-song-1","generation_id":"up-task-1","model_type":"udio130-v1.5","finished":true,"song_path":"https://cdn/x.mp3"}"#

    static func task(state: TaskState, result: String?) -> TaskRecord {
        TaskRecord(
            id: "public-task", family: "udio", action: "generate", model: "udio130-v1.5", tokenID: "t", channelID: 7, upstreamID: "up-task-1",
            state: state, upstreamStatus: nil, request: .object([:]), upstreamRequest: .null, result: result.flatMap { JSONValue.parse($0.utf8) },
            view: nil, failureReason: nil, priceMicros: 200_000, callbackURL: "https://hook.example/h", createdAt: 1_700_000_000_000,
            updatedAt: 1_700_000_000_000, finishedAt: nil, pollAttempts: 0)
    }

    @Test func aSubmitIsAcceptedOnlyWithASuccessEnvelope() {
        let task = Self.task(state: .submitting, result: nil)
        guard case .accepted(let id, _) = family.parseSubmit(Self.answer(#"{"code":"success","message":"","data":"up-task-1"}"#), for: task) else {
            Issue.record("not accepted")
            return
        }
        #expect(id == "up-task-1")
        // Relays answer some refusals with HTTP 200 and an error code: the upstream's message reaches the customer.
        let refused = family.parseSubmit(Self.answer(#"{"code":"song_not_found","message":"song x not found","data":null}"#), for: task)
        guard case .rejected(let error) = refused else {
            Issue.record("not rejected")
            return
        }
        #expect(error.message == "song x not found")
        guard case .rejected = family.parseSubmit(Self.answer(#"{"code":"success","message":"","data":""}"#), for: task) else {
            Issue.record("an empty id was accepted")
            return
        }
    }

    @Test(arguments: [("NOT_START", TaskState.queued), ("IN_PROGRESS", .running), ("SUCCESS", .succeeded), ("FAILURE", .failed)])
    func pollStatusesMapToTaskStates(status: String, state: TaskState) {
        let outcome = family.parsePoll(Self.answer(#"{"code":"success","message":"","data":{"status":"\#(status)","data":[]}}"#))
        guard case .observed(let observation) = outcome else {
            Issue.record("not observed: \(outcome)")
            return
        }
        #expect(observation.state == state)
    }

    @Test func aTaskShowsItsSongsWithTheTasksPublicID() throws {
        let result = #"{"status":"SUCCESS","progress":"100%","start_time":1700000001,"data":[\#(Self.song)]}"#
        var task = Self.task(state: .succeeded, result: result)
        task.finishedAt = 1_700_000_005_000
        let view = try #require(JSONValue.parse(family.render(task).utf8))
        #expect(view["task_id"] == "public-task")
        #expect(view["action"] == "udio-generate")
        #expect(view["status"] == "SUCCESS")
        #expect(view["progress"] == "100%")
        #expect(view["notify_hook"] == "https://hook.example/h")
        #expect(view["submit_time"] == .number(1_700_000_000))
        #expect(view["finish_time"] == .number(1_700_000_005))
        #expect(view["data"]?[0]?["generation_id"] == "public-task")
        #expect(view["data"]?[0]?["song_path"] == "https://cdn/x.mp3")
        #expect(!family.render(task).contains("up-task-1"))

        let artifacts = family.artifacts(in: try #require(task.result), of: task)
        #expect(artifacts.map(\.kind) == ["song"])
        #expect(artifacts.map(\.upstreamID) == ["up-song-1"])
        #expect(artifacts.map(\.model) == ["udio130-v1.5"])
        #expect(artifacts.first?.payload?["generation_id"] == "public-task")
    }
}
