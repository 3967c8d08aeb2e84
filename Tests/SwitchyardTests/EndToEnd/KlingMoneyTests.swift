import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// What Kling calls cost: model × mode × duration for videos, per image, per try-on; refusals cost nothing.
@Suite struct KlingMoneyTests {
    struct Priced: Sendable, CustomStringConvertible {
        let path: String
        let body: String
        let micros: Int64
        var description: String { "\(path) \(body) → \(micros)" }
    }

    @Test(
        arguments: [
            Priced(path: "videos/text2video", body: #"{"prompt":"p","model_name":"kling-v1-6","mode":"std","duration":"5"}"#, micros: 140_000),
            Priced(path: "videos/text2video", body: #"{"prompt":"p","model_name":"kling-v1-6","mode":"pro","duration":"5"}"#, micros: 245_000),
            Priced(path: "videos/text2video", body: #"{"prompt":"p","model_name":"kling-v1-6","mode":"std","duration":"10"}"#, micros: 280_000),
            Priced(
                path: "videos/image2video", body: #"{"image":"https://e.com/i.png","model_name":"kling-v1-6","mode":"pro","duration":"10"}"#,
                micros: 490_000),
            Priced(path: "videos/text2video", body: #"{"prompt":"p","model_name":"kling-v2-master","duration":"5"}"#, micros: 700_000),
            Priced(
                path: "videos/text2video", body: #"{"prompt":"p","model_name":"kling-v2-master","mode":"pro","duration":"10"}"#, micros: 1_400_000),
            Priced(path: "videos/text2video", body: #"{"prompt":"p","model_name":"kling-v2-1","mode":"pro"}"#, micros: 490_000),
            Priced(path: "images/generations", body: #"{"prompt":"p","model_name":"kling-v1","n":4}"#, micros: 14_000),
            Priced(path: "images/generations", body: #"{"prompt":"p","model_name":"kling-v2"}"#, micros: 14_000),
            Priced(
                path: "images/kolors-virtual-try-on", body: #"{"human_image":"https://e.com/h.png","cloth_image":"https://e.com/c.png"}"#,
                micros: 70_000),
            Priced(
                path: "videos/effects", body: #"{"effect_scene":"squish","input":{"image":"https://e.com/i.png","duration":"10"}}"#, micros: 560_000),
        ])
    func aFinishedTaskIsChargedItsModelModeAndDurationPrice(priced: Priced) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let task = try await harness.klingTask(priced.path, priced.body, key: key)
            #expect(task["task_status"] == "succeed", "\(task.encoded())")
            let id = try #require(task["task_id"]?.stringValue)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.heldMicros(id) == priced.micros)
            #expect(try await harness.token(forKey: key).usedMicros == priced.micros)
        }
    }

    @Test func aContentPolicyRefusalAtCreateIsKling1301AndNotCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.kling(.POST, "videos/text2video", key: key, body: #"{"prompt":"forbidden [fault:policy]"}"#)
            #expect(answer.status == 400, "\(answer.body)")
            let error = try #require(klingError(answer), "\(answer.body)")
            #expect(error.code == 1301)
            #expect(error.message.contains("content security policy"))
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aFailedTaskIsRefundedAndSaysWhy() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let task = try await harness.klingTask("videos/text2video", #"{"prompt":"doomed [fault:fail]","model_name":"kling-v2-master"}"#, key: key)
            #expect(task["task_status"] == "failed")
            #expect(task["task_status_msg"]?.stringValue?.contains("risk control") == true, "\(task.encoded())")
            #expect(task["task_result"] == nil)
            let id = try #require(task["task_id"]?.stringValue)
            try await expectSteady { try await harness.ledger(id).map(\.kind) == ["hold", "refund"] }
            #expect(try await harness.token(forKey: key).usedMicros == 0)
        }
    }

    @Test func anUpstreamAccountWithoutBalanceIsATooManyRequestsAndNotCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.kling(.POST, "videos/text2video", key: key, body: #"{"prompt":"broke [fault:balance]"}"#)
            #expect(answer.status == 429, "\(answer.body)")
            #expect(klingError(answer)?.code == 1302, "\(answer.body)")
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aCustomerWithoutEnoughQuotaGetsKling1102() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "0.10")
            let answer = try await harness.kling(.POST, "videos/text2video", key: key, body: #"{"prompt":"p","model_name":"kling-v2-master"}"#)
            #expect(answer.status == 429, "\(answer.body)")
            #expect(klingError(answer)?.code == 1102, "\(answer.body)")
            #expect(harness.emulators[0].requestCount("POST /kling/v1/videos/text2video") == 0)
        }
    }
}
