import NIOCore
import NIOHTTP1
import Testing

@testable import Switchyard

/// How the Ideogram codec reads the upstream's answers: finished at once, or refused with nothing charged.
@Suite struct IdeogramFamilyTests {
    let family = IdeogramFamily()
    let task = TaskRecord(
        id: "task-1", family: "ideogram", action: "generate", model: "V_2", tokenID: "k", channelID: nil, upstreamID: nil, state: .submitting,
        upstreamStatus: nil, request: .object([:]), upstreamRequest: .object([:]), result: nil, view: nil, failureReason: nil, priceMicros: 0,
        callbackURL: nil, createdAt: 0, updatedAt: 0, finishedAt: nil, pollAttempts: 0)

    func answer(_ status: Int, _ body: String) -> UpstreamResponse {
        UpstreamResponse(status: status, headers: [:], body: ByteBuffer(string: body))
    }

    @Test func imagesAreAFinishedTaskUnsafeOnesWithoutALinkIncluded() {
        let body = #"{"created":"2026-01-01T00:00:00Z","data":[{"url":"https://x/1.png","is_image_safe":true},{"url":null,"is_image_safe":false}]}"#
        guard case .accepted(let upstreamID, let observation) = family.parseSubmit(answer(200, body), for: task) else {
            Issue.record("not accepted")
            return
        }
        #expect(upstreamID == "task-1")
        #expect(observation.state == .succeeded)
        #expect(observation.result?["data"]?.arrayValue?.count == 2)
    }

    @Test func describeAnswersAreFinishedToo() {
        guard case .accepted(_, let observation) = family.parseSubmit(answer(200, #"{"descriptions":[{"text":"a cat"}]}"#), for: task) else {
            Issue.record("not accepted")
            return
        }
        #expect(observation.state == .succeeded)
    }

    @Test(arguments: [
        (422, #"{"error":"Prompt or provided image failed the safety checks"}"#, 422, "Prompt or provided image failed the safety checks"),
        (400, #"{"detail":"Invalid input"}"#, 400, "Invalid input"),
        (422, #"{"detail":[{"msg":"num_images: too large"}]}"#, 422, "num_images: too large"),
    ])
    func requestRefusalsKeepIdeogramsMessage(status: Int, body: String, expected: Int, message: String) {
        guard case .rejected(let error) = family.parseSubmit(answer(status, body), for: task) else {
            Issue.record("not rejected")
            return
        }
        #expect(Int(error.status.code) == expected)
        #expect(error.message == message)
    }

    @Test(arguments: [401, 402, 429, 500])
    func accountRefusalsNameOnlyTheStatus(status: Int) {
        guard case .rejected(let error) = family.parseSubmit(answer(status, #"{"detail":"key sk-secret is out of credits"}"#), for: task) else {
            Issue.record("not rejected")
            return
        }
        #expect(!error.message.contains("sk-secret"))
    }

    @Test func anUnreadableSuccessIsMalformed() {
        for body in ["not json", #"{"data":[]}"#, #"{"created":"x"}"#] {
            guard case .rejected(let error) = family.parseSubmit(answer(200, body), for: task) else {
                Issue.record("\(body) not rejected")
                continue
            }
            #expect(error.code == .upstreamMalformed, "\(body)")
        }
    }

    @Test func aStoredFormIsSentAsMultipartAndJSONAsJSON() throws {
        var multipart = task
        let form = FormUpload(parts: [.init(name: "prompt", bytes: Array("a cat".utf8))])
        multipart.upstreamRequest = StoredUpstreamCall.make(.POST, "/v1/ideogram-v3/generate", body: [IdeogramFamily.formKey: form.stored])
        let request = try family.submitRequest(for: multipart)
        #expect(request.path == "/v1/ideogram-v3/generate")
        #expect(request.headers.first(name: "Content-Type")?.hasPrefix("multipart/form-data; boundary=") == true)
        var json = task
        json.upstreamRequest = StoredUpstreamCall.make(.POST, "/generate", body: ["image_request": .object(["prompt": "a cat"])])
        #expect(try family.submitRequest(for: json).headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
    }
}
