import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Authentication, quota and input validation: refused calls get Luma's error shape and cost nothing.
@Suite struct LumaAccessTests {
    @Test func missingOrWrongKeysAre401() async throws {
        try await TestHarness.run { harness in
            for key in [nil, "sk-wrong", "not-a-key"] as [String?] {
                let answer = try await harness.call(.GET, "/generations", key: key)
                #expect(answer.status == 401)
                #expect(answer.json?["detail"] == "Invalid or missing API key")
            }
            #expect(harness.emulators[0].requestCount("POST /generations/video") == 0)
        }
    }

    @Test func aTokenWithoutEnoughQuotaIsRefusedAndNothingIsSubmitted() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            #expect(try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"first"}"#).status == 201)
            let refused = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"second"}"#)
            #expect(refused.status == 402)
            #expect(refused.json?["detail"]?.stringValue?.contains("Insufficient quota") == true)
            #expect(harness.emulators[0].requestCount("POST /generations/video") == 1)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros + token.heldMicros == 710_000)
        }
    }

    @Test(arguments: [
        ("not json", 400), ("[1,2]", 400), ("", 400),
        (#"{"prompt": 5}"#, 422), (#"{"aspect_ratio": "16:9"}"#, 422), (#"{"prompt":"x","aspect_ratio":"2:1"}"#, 422),
        (#"{"prompt":"x","model":"ray-99"}"#, 422), (#"{"prompt":"x","loop":"yes"}"#, 422), (#"{"prompt":"x","duration":"30s"}"#, 422),
        (#"{"prompt":"x","keyframes":{"frame0":{"type":"video","url":"u"}}}"#, 422), (#"{"prompt":"x","callback_url":"ftp://x"}"#, 422),
    ])
    func malformedBodiesAreRefusedWithoutAHold(body: String, status: Int) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(.POST, "/generations/video", key: key, body: body)
            #expect(answer.status == status, "\(body)")
            #expect(answer.json?["detail"]?.stringValue?.isEmpty == false)
            #expect(try await harness.token(forKey: key).heldMicros == 0)
            #expect(harness.emulators[0].requestCount("POST /generations/video") == 0)
        }
    }

    @Test func oversizeBodiesAre413() async throws {
        try await TestHarness.run(configure: { $0.maxRequestBodyBytes = 1_000 }) { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"\#(String(repeating: "a", count: 5_000))"}"#)
            #expect(answer.status == 413)
            #expect(answer.json?["detail"] != nil)
        }
    }

    @Test func unknownRoutesAnswerInLumasShape() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(.GET, "/nope", key: key)
            #expect(answer.status == 404)
            #expect(answer.json?["detail"] != nil)
        }
    }

    @Test func healthAndMetricsAreServed() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            _ = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"count me"}"#)
            #expect(try await harness.call(.GET, harness.baseURL + "/health", key: nil).json?["status"] == "ok")
            let metrics = try await harness.call(.GET, harness.baseURL + "/metrics", key: nil)
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("switchyard_upstream_requests_total"))
            #expect(metrics.body.contains("switchyard_ledger_entries_total"))
        }
    }
}
