import NIOCore
import Testing

@testable import Switchyard

/// Midjourney's task codec on fixtures: what the proxy's submit codes and task objects mean, how buttons hide the
/// upstream's hash, and how refusals and prices come out.
@Suite struct MidjourneyFamilyTests {
    let family = MidjourneyFamily()
    static let hash = "3dbbd469-36af-4a0f-8f02-df6c579e7011"

    static func answer(_ json: String, status: Int = 200) -> UpstreamResponse {
        UpstreamResponse(status: status, headers: [:], body: ByteBuffer(string: json))
    }

    static func task(state: TaskState = .submitting, action: String = "imagine", result: String? = nil) -> TaskRecord {
        TaskRecord(
            id: "1730621718151844123", family: "midjourney", action: action, model: "mj-fast", tokenID: "t", channelID: 3,
            upstreamID: "1730621718151", state: state, upstreamStatus: nil, request: .object(["action": "IMAGINE", "prompt": "a cat"]),
            upstreamRequest: .null, result: result.flatMap { JSONValue.parse($0.utf8) }, view: nil, failureReason: nil, priceMicros: 50_000,
            callbackURL: nil, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, finishedAt: nil, pollAttempts: 0)
    }

    @Test func codes1And21And22AcceptAndOtherCodesRefuseWithTheUpstreamsTerms() throws {
        for (code, status) in [(1, "SUBMITTED"), (22, "SUBMITTED")] {
            let outcome = family.parseSubmit(Self.answer(#"{"code":\#(code),"description":"ok","result":"u-1","properties":{}}"#), for: Self.task())
            guard case .accepted("u-1", let observation) = outcome else { throw Failure("code \(code) not accepted") }
            #expect(observation.state == .queued && observation.upstreamStatus == status)
        }
        let modal = family.parseSubmit(
            Self.answer(#"{"code":21,"description":"Waiting for window confirm","result":"u-2","properties":{"status":"MODAL"}}"#), for: Self.task())
        guard case .accepted("u-2", let waiting) = modal else { throw Failure("code 21 not accepted") }
        #expect(waiting.upstreamStatus == "MODAL")

        let banned = family.parseSubmit(
            Self.answer(
                #"{"code":24,"description":"May contain sensitive words","properties":{"bannedWord":"gore","discordInstanceId":"acct-9"}}"#),
            for: Self.task())
        guard case .rejected(let error) = banned, let answer = error.upstreamAnswer else { throw Failure("code 24 not refused in its terms") }
        #expect(answer["code"] == .int(24) && answer["result"] == .null)
        #expect(answer["properties"] == .object(["bannedWord": "gore"]), "only safe properties pass")
        #expect(MidjourneyErrorDialect().status(for: error) == .ok)
        #expect(!error.isRetryable, "a banned prompt is the request's fault")
        guard case .rejected(let full) = family.parseSubmit(Self.answer(#"{"code":23,"description":"Queue is full"}"#), for: Self.task()) else {
            throw Failure("code 23 not refused")
        }
        #expect(full.isRetryable && full.upstreamAnswer?["code"] == .int(23), "a full queue lets another channel try")

        guard case .rejected(let malformed) = family.parseSubmit(Self.answer(#"{"code":1,"result":"#), for: Self.task()) else {
            throw Failure("a broken answer was accepted")
        }
        #expect(malformed.code == .upstreamMalformed)
        guard case .rejected(let refused) = family.parseSubmit(Self.answer("", status: 401), for: Self.task()) else {
            throw Failure("a 401 was accepted")
        }
        #expect(refused.isRetryable)
    }

    @Test func pollsMapTheStatusVocabularyAndAnEmptyAnswerIsMissing() {
        guard case .missing = family.parsePoll(Self.answer("")) else {
            Issue.record("empty 200 is not missing")
            return
        }
        let cases: [(String, TaskState)] = [
            ("NOT_START", .queued), ("SUBMITTED", .queued), ("MODAL", .queued), ("IN_PROGRESS", .running), ("SUCCESS", .succeeded),
            ("FAILURE", .failed), ("CANCEL", .failed),
        ]
        for (status, state) in cases {
            guard case .observed(let observation) = family.parsePoll(Self.answer(#"{"id":"u","status":"\#(status)"}"#)) else {
                Issue.record("\(status) not observed")
                return
            }
            #expect(observation.state == state, "\(status)")
        }
    }

    @Test func buttonsNameThePublicIDAndMapBackOnlyToTheParentsOwnButtons() throws {
        let result = #"""
            {"status":"SUCCESS","imageUrl":"https://cdn.example/a.png","properties":{"messageHash":"\#(Self.hash)","discordInstanceId":"acct-9"},
             "buttons":[{"customId":"MJ::JOB::upsample::1::\#(Self.hash)","emoji":"","label":"U1","type":2,"style":2},
                        {"customId":"MJ::JOB::reroll::0::\#(Self.hash)::SOLO","emoji":"🔄","label":"","type":2,"style":2}]}
            """#
        let parent = Self.task(state: .succeeded, result: result)
        let rendered = try #require(JSONValue.parse(family.render(parent).utf8))
        let ids = rendered["buttons"]?.arrayValue?.compactMap { $0["customId"]?.stringValue }
        #expect(ids == ["MJ::JOB::upsample::1::\(parent.id)", "MJ::JOB::reroll::0::\(parent.id)::SOLO"])
        #expect(!family.render(parent).contains(Self.hash) && !family.render(parent).contains("acct-9"))
        #expect(rendered["status"] == "SUCCESS" && rendered["progress"] == "100%" && rendered["submitTime"] == .int(1_700_000_000_000))
        #expect(MidjourneyButtons.upstreamCustomID(for: "MJ::JOB::upsample::1::\(parent.id)", parent: parent) == "MJ::JOB::upsample::1::\(Self.hash)")
        #expect(MidjourneyButtons.upstreamCustomID(for: "MJ::JOB::upsample::1::\(Self.hash)", parent: parent) == nil)
        #expect(MidjourneyButtons.upstreamCustomID(for: "MJ::JOB::upsample::3::\(parent.id)", parent: parent) == nil)
    }

    @Test func aButtonsCustomIDNamesItsActionAndPrice() {
        let cases: [(String, MidjourneyAction)] = [
            ("MJ::JOB::upsample::2::h", .upscale), ("MJ::JOB::upsample_v6_2x_subtle::1::h::SOLO", .upscale), ("MJ::JOB::variation::1::h", .variation),
            ("MJ::JOB::low_variation::1::h::SOLO", .variation), ("MJ::JOB::reroll::0::h::SOLO", .reroll), ("MJ::JOB::pan_left::1::h::SOLO", .pan),
            ("MJ::Outpaint::50::1::h::SOLO", .zoom), ("MJ::CustomZoom::h", .customZoom), ("MJ::Inpaint::1::h::SOLO", .inpaint),
            ("MJ::Something::new", .action),
        ]
        for (customID, action) in cases { #expect(MidjourneyAction(customID: customID) == action, "\(customID)") }
        #expect(MidjourneyAction.customZoom.priceName == "custom_zoom")
    }

    @Test func relaxCostsHalfAndTurboTwiceTheFastPriceAndUploadsAreFree() throws {
        let rules = MidjourneyPrices.rules
        func usd(_ model: String, _ action: MidjourneyAction) -> String? {
            rules.first { $0.model == model && $0.action == action.priceName }?.usd
        }
        #expect(usd("mj-fast", .imagine) == "0.05" && usd("mj-relax", .imagine) == "0.025" && usd("mj-turbo", .imagine) == "0.10")
        #expect(rules.first { $0.action == "upload" }?.free == true)
        for rule in rules { try rule.validate() }
    }

    @Test func theGatewaysOwnErrorsUseTheProxysEnvelope() {
        let dialect = MidjourneyErrorDialect()
        let missing = JSONValue.parse(dialect.body(for: .notFound("Task 1")).utf8)
        #expect(missing?["code"] == .int(4) && missing?["description"]?.stringValue?.hasPrefix("task_no_found") == true)
        #expect(dialect.status(for: .notFound("Task 1")) == .notFound)
        #expect(JSONValue.parse(dialect.body(for: .upstreamUnavailable).utf8)?["code"] == .int(9))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
