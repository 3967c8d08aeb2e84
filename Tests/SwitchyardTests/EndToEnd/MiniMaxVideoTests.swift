import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// MiniMax end to end: a video made, its file retrieved and played from the gateway's copy, prices by model ×
/// duration × resolution, MiniMax's refusals (1026 not charged, 1027 refunded once, 1002, 1008), files owned by
/// their customer, and the callback.
@Suite struct MiniMaxVideoTests {
    @Test func aVideoIsMadeAndItsFileIsTheCustomersPlayableCopy() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let id = try await harness.miniMaxTask(
                #"{"model":"MiniMax-Hailuo-02","prompt":"a lighthouse at dusk","duration":6,"resolution":"768P"}"#, key: key)
            let task = try await harness.waitForMiniMaxTask(id, key: key)
            #expect(task["status"] == "Success", "\(task.encoded())")
            #expect(task["task_id"]?.stringValue == id)
            #expect(task["video_width"] == 1366 && task["video_height"] == 768, "\(task.encoded())")
            #expect(task["base_resp"]?["status_code"] == 0)
            let fileID = try #require(task["file_id"]?.stringValue)
            #expect(!fileID.isEmpty && fileID.allSatisfy(\.isNumber))
            let retrieved = try await harness.miniMaxRetrieve(fileID, key: key)
            #expect(retrieved.status == 200, "\(retrieved.body)")
            #expect(retrieved.json?["base_resp"]?["status_code"] == 0)
            let file = try #require(retrieved.json?["file"])
            #expect(file["file_id"]?.stringValue == fileID)
            #expect(file["purpose"] == "video_generation")
            let url = try #require(file["download_url"]?.stringValue)
            #expect(url.hasPrefix(harness.mediaPrefix), "\(url)")
            let video = try await harness.download(url)
            #expect(video.status == 200)
            // An MP4 a player opens: its first box is `ftyp`.
            #expect(video.bytes.count > 8 && Array(video.bytes[4..<8]) == Array("ftyp".utf8))
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.token(forKey: key).usedMicros == 280_000)
            try await harness.expectLedgerBalanced()
        }
    }

    struct Priced: Sendable, CustomStringConvertible {
        let model: String
        let duration: Int
        let resolution: String
        let extra: String
        let micros: Int64
        var description: String { "\(model) \(duration)s \(resolution)" }
    }

    @Test(
        arguments: [
            Priced(model: "MiniMax-Hailuo-02", duration: 10, resolution: "768P", extra: "", micros: 560_000),
            Priced(model: "MiniMax-Hailuo-02", duration: 6, resolution: "1080P", extra: "", micros: 490_000),
            Priced(model: "MiniMax-Hailuo-02", duration: 6, resolution: "512P", extra: "", micros: 99_960),
            Priced(
                model: "MiniMax-Hailuo-2.3-Fast", duration: 6, resolution: "768P", extra: #","first_frame_image":"https://example.com/a.png""#,
                micros: 190_000),
            Priced(model: "T2V-01-Director", duration: 6, resolution: "720P", extra: "", micros: 430_000),
            Priced(
                model: "S2V-01", duration: 6, resolution: "720P",
                extra: #","subject_reference":[{"type":"character","image":["https://example.com/face.png"]}]"#, micros: 650_000),
        ])
    func theChargeIsByModelDurationAndResolution(priced: Priced) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let body =
                #"{"model":"\#(priced.model)","prompt":"waves","duration":\#(priced.duration),"resolution":"\#(priced.resolution)"\#(priced.extra)}"#
            let id = try await harness.miniMaxTask(body, key: key)
            #expect(try await harness.waitForMiniMaxTask(id, key: key)["status"] == "Success")
            #expect(try await harness.token(forKey: key).usedMicros == priced.micros)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
        }
    }

    @Test func aSensitiveInputIsRefusedWith1026AndNotCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.miniMaxCreate(#"{"model":"MiniMax-Hailuo-02","prompt":"forbidden [status:1026]"}"#, key: key)
            #expect(answer.status == 400, "\(answer.body)")
            #expect(answer.json?["base_resp"]?["status_code"] == 1026, "\(answer.body)")
            try await expectSteady { try await harness.ledgerKinds().allSatisfy { $0 != "settle" } }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aSensitiveOutputFailsTheTaskWith1027AndIsRefundedOnce() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let id = try await harness.miniMaxTask(#"{"model":"MiniMax-Hailuo-02","prompt":"withheld [status:1027]"}"#, key: key)
            let task = try await harness.waitForMiniMaxTask(id, key: key)
            #expect(task["status"] == "Fail", "\(task.encoded())")
            #expect(task["base_resp"]?["status_code"] == 1027, "\(task.encoded())")
            #expect(task["file_id"] == "")
            try await expectSteady { try await harness.ledger(id).map(\.kind) == ["hold", "refund"] }
            #expect(try await harness.token(forKey: key).usedMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    struct Refusal: Sendable, CustomStringConvertible {
        let marker: String
        let status: Int
        let code: Int
        var description: String { marker }
    }

    @Test(
        arguments: [
            Refusal(marker: "[status:1002]", status: 429, code: 1002), Refusal(marker: "[status:1008]", status: 502, code: 1013),
        ])
    func theUpstreamAccountsRefusalsAreClearAndRefunded(refusal: Refusal) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.miniMaxCreate(#"{"model":"T2V-01","prompt":"busy \#(refusal.marker)"}"#, key: key)
            #expect(answer.status == refusal.status, "\(answer.body)")
            #expect(answer.json?["base_resp"]?["status_code"]?.intValue == refusal.code, "\(answer.body)")
            #expect(!answer.body.contains("minimax-key"))
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aFileIsItsCustomersOnly() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05)]) { harness in
            let owner = try await harness.customerKey()
            let stranger = try await harness.customerKey()
            let id = try await harness.miniMaxTask(#"{"model":"MiniMax-Hailuo-2.3","prompt":"mine"}"#, key: owner)
            let fileID = try #require(try await harness.waitForMiniMaxTask(id, key: owner)["file_id"]?.stringValue)
            for asked in [fileID, "123456789012345"] {
                let answer = try await harness.miniMaxRetrieve(asked, key: stranger)
                #expect(answer.status == 404, "\(answer.body)")
                #expect(answer.json?["base_resp"]?["status_code"] == 2013, "\(answer.body)")
                #expect(answer.json?["file"] == nil)
            }
            let query = try await harness.miniMaxQuery(id, key: stranger)
            #expect(query.status == 404 && query.json?["base_resp"]?["status_code"] == 2013, "\(query.body)")
            #expect(try await harness.miniMaxRetrieve(fileID, key: owner).status == 200)
        }
    }

    @Test func badInputAndABadKeyAreAnsweredInBaseResp() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let missing = try await harness.miniMaxCreate(#"{"model":"I2V-01-live","prompt":"no image"}"#, key: key)
            #expect(missing.status == 422 && missing.json?["base_resp"]?["status_code"] == 2013, "\(missing.body)")
            #expect(missing.json?["base_resp"]?["status_msg"]?.stringValue?.contains("first_frame_image") == true)
            let noQuery = try await harness.call(.GET, harness.baseURL + "/minimax/v1/query/video_generation", key: key)
            #expect(noQuery.status == 422 && noQuery.json?["base_resp"]?["status_code"] == 2013, "\(noQuery.body)")
            let unauthenticated = try await harness.miniMaxCreate(#"{"model":"T2V-01","prompt":"x"}"#, key: "sk-nope")
            #expect(unauthenticated.status == 401 && unauthenticated.json?["base_resp"]?["status_code"] == 1004, "\(unauthenticated.body)")
            #expect(try await harness.ledgerKinds().isEmpty)
        }
    }

    @Test func theCallbackTellsProcessingAndSuccessWithTheFile() async throws {
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.2)]) { harness in
            let key = try await harness.customerKey()
            let id = try await harness.miniMaxTask(
                #"{"model":"MiniMax-Hailuo-02","prompt":"call me","callback_url":"\#(receiver.url)"}"#, key: key)
            #expect(try await harness.waitForMiniMaxTask(id, key: key)["status"] == "Success")
            try await waitUntil { receiver.deliveries.contains { JSONValue.parse($0.body.utf8)?["status"] == "Success" } }
            let payloads = receiver.deliveries.compactMap { JSONValue.parse($0.body.utf8) }
            #expect(payloads.allSatisfy { $0["task_id"]?.stringValue == id })
            let statuses = payloads.compactMap { $0["status"]?.stringValue }
            #expect(statuses.contains("Processing"), "\(statuses)")
            let success = try #require(payloads.first { $0["status"] == "Success" })
            #expect(success["file_id"]?.stringValue?.isEmpty == false)
        }
        await receiver.stop()
    }
}
