import Foundation
import NIOHTTP1
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Midjourney's money and tenancy: each speed prefix's channel group and price, refusals charged nothing, and
/// another customer's tasks not found whatever route names them.
@Suite struct MidjourneyMoneyAndTenancyTests {
    @Test func eachSpeedPrefixRunsOnItsTiersChannelsAtItsTiersPrice() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let expected: [(path: String, channel: String, micros: Int64)] = [
                ("/mj", "mj-fast-0", 50_000), ("/mj-fast/mj", "mj-fast-0", 50_000), ("/mj-relax/mj", "mj-relax-0", 25_000),
                ("/mj-turbo/mj", "mj-turbo-0", 100_000),
            ]
            for tier in expected {
                let task = try await harness.mjImagine("a tiered cat", key: key, path: tier.path + "/submit/imagine")
                let id = try #require(task["id"]?.stringValue)
                #expect(task["mode"] == .string(tier.channel.dropFirst(3).dropLast(2).uppercased()), "\(tier.path)")
                #expect(try await harness.channelName(ofTask: id) == tier.channel, "\(tier.path)")
                let entries = try await harness.ledger(id)
                #expect(entries.map(\.kind) == ["hold", "settle"])
                #expect(entries.first.map { abs($0.amountMicros) } == tier.micros, "\(tier.path): \(entries)")
            }
            #expect(try await harness.token(forKey: key).usedMicros == 225_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aButtonRunsOnTheParentsChannelInItsTierAndRefusesATierThatChannelDoesNotServe() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let relaxGrid = try await harness.mjImagine("relaxed", key: key, path: "/mj-relax/mj/submit/imagine")
            // Without a prefix, the button keeps the parent's tier: relax channel, relax price.
            let upscaleID = try #require(try await harness.mjPress("upsample::3", on: relaxGrid, key: key).json?["result"]?.stringValue)
            #expect(try await harness.channelName(ofTask: upscaleID) == "mj-relax-0")
            #expect(try await harness.ledger(upscaleID).first.map { abs($0.amountMicros) } == 10_000)
            // The turbo prefix names a tier the relax channel does not serve: refused, nothing held.
            let turbo = try await harness.mjPress("upsample::4", on: relaxGrid, key: key, path: "/mj-turbo/mj/submit/action")
            #expect(turbo.status == 422 && turbo.json?["code"] == .int(4), "\(turbo.body)")
            // A customId that is not one of the task's buttons is refused too.
            let forged = try await harness.mj(
                "/mj/submit/action", key: key, body: #"{"taskId":"\#(relaxGrid["id"]?.stringValue ?? "")","customId":"MJ::JOB::upsample::9::x"}"#)
            #expect(forged.status == 422 && forged.json?["code"] == .int(4), "\(forged.body)")
            _ = try await harness.waitForMidjourneyTask(upscaleID, key: key)
            #expect(try await harness.token(forKey: key).usedMicros == 25_000 + 10_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func refusalsAreAnsweredInTheProxysCodesAndChargeNothing() async throws {
        try await TestHarness.run(configure: { $0.families["midjourney.banned_words"] = "forbiddenword" }) { harness in
            let key = try await harness.customerKey()
            // The upstream's refusals: HTTP 200 with its code, held and refunded at once.
            for (prompt, code) in [("a gore scene", 24), ("busy [mj:queue-full]", 23), ("nobody [mj:no-account]", 3)] {
                let answer = try await harness.mj("/mj/submit/imagine", key: key, body: JSONValue.object(["prompt": .string(prompt)]).encoded())
                #expect(answer.status == 200 && answer.json?["code"] == .int(code), "\(prompt): \(answer.body)")
                #expect(answer.json?["result"] == .null)
                if code == 24 { #expect(answer.json?["properties"]?["bannedWord"] == "gore", "\(answer.body)") }
            }
            // The gateway's own banned list refuses before anything is held; a bad body is code 4.
            let banned = try await harness.mj("/mj/submit/imagine", key: key, body: #"{"prompt":"a ForbiddenWord here"}"#)
            #expect(banned.status == 200 && banned.json?["code"] == .int(24) && banned.json?["properties"]?["bannedWord"] == "forbiddenword")
            let invalid = try await harness.mj("/mj/submit/describe", key: key, body: #"{"base64":"data:image/png;base64,@@@"}"#)
            #expect(invalid.status == 422 && invalid.json?["code"] == .int(4), "\(invalid.body)")

            let kinds = try await TaskFamilyConformanceDriver(harness: harness, profile: TaskFamilyConformanceProfiles.midjourney).chargeKinds()
            #expect(kinds == ["hold", "refund", "hold", "refund", "hold", "refund"])
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aFullQueueOrNoAccountOnOneChannelFailsOverToTheNextChannelOfTheTier() async throws {
        let emulators = [EmulatorConfiguration(stepSeconds: 0.05), EmulatorConfiguration(stepSeconds: 0.05)]
        try await TestHarness.run(emulators: emulators) { harness in
            let key = try await harness.customerKey()
            let id = try await harness.mjSubmit("/mj/submit/imagine", key: key, body: #"{"prompt":"a cat [mj:queue-full@mj-fast-key-0]"}"#)
            #expect(try await harness.channelName(ofTask: id) == "mj-fast-1")
            #expect(harness.emulators[0].requestCount("POST /mj/submit/imagine") == 1)
            #expect(try await harness.waitForMidjourneyTask(id, key: key)["status"] == "SUCCESS")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])

            // No channel of the tier has an account: the last refusal is the answer, and nothing is charged.
            let none = try await harness.mj("/mj/submit/imagine", key: key, body: #"{"prompt":"a cat [mj:no-account]"}"#)
            #expect(none.status == 200 && none.json?["code"] == .int(3), "\(none.body)")
            #expect(harness.emulators.map { $0.requestCount("POST /mj/submit/imagine") } == [2, 2])
            // A banned prompt is the request's fault: no other channel is asked.
            let banned = try await harness.mj("/mj/submit/imagine", key: key, body: #"{"prompt":"gore"}"#)
            #expect(banned.json?["code"] == .int(24))
            #expect(harness.emulators.map { $0.requestCount("POST /mj/submit/imagine") } == [3, 2])
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 50_000 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aQueuedSubmitIsAcceptedAndCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.mj("/mj/submit/imagine", key: key, body: #"{"prompt":"patient [mj:queued]"}"#)
            #expect(answer.json?["code"] == .int(22) && answer.json?["properties"]?["numberOfQueues"] == .int(2), "\(answer.body)")
            #expect(answer.json?["properties"]?["discordInstanceId"] == nil, "an upstream account leaked: \(answer.body)")
            let id = try #require(answer.json?["result"]?.stringValue)
            #expect(try await harness.waitForMidjourneyTask(id, key: key)["status"] == "SUCCESS")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
        }
    }

    @Test func anotherCustomersTasksAreNotFoundByAnyRoute() async throws {
        try await TestHarness.run { harness in
            let alice = try await harness.customerKey()
            let bob = try await harness.customerKey()
            let mine = try await harness.mjImagine("alice's", key: alice)
            let theirs = try await harness.mjImagine("bob's", key: bob)
            let theirID = try #require(theirs["id"]?.stringValue)
            for (method, path, body) in [
                (HTTPMethod.GET, "/mj/task/\(theirID)/fetch", nil), (.GET, "/mj-relax/mj/task/\(theirID)/fetch", nil),
                (.GET, "/mj/task/\(theirID)/image-seed", nil),
                (.POST, "/mj/submit/action", #"{"taskId":"\#(theirID)","customId":"\#(mjButton("upsample::1", of: theirs) ?? "")"}"#),
                (.POST, "/mj/submit/modal", #"{"taskId":"\#(theirID)","prompt":"x"}"#),
            ] as [(HTTPMethod, String, String?)] {
                let answer = try await harness.call(method, harness.baseURL + path, key: alice, body: body)
                #expect(answer.status == 404 && answer.json?["code"] == .int(4), "\(path): \(answer.body)")
                #expect(answer.json?["description"]?.stringValue?.hasPrefix("task_no_found") == true, "\(answer.body)")
            }
            let list = try await harness.mj(
                "/mj/task/list-by-condition", key: alice, body: #"{"ids":["\#(theirID)","\#(mine["id"]?.stringValue ?? "")","nope"]}"#)
            #expect(list.status == 200)
            #expect(list.json?.arrayValue?.compactMap { $0["id"]?.stringValue } == [mine["id"]?.stringValue].compactMap { $0 }, "\(list.body)")
            let tooMany = try await harness.mj(
                "/mj/task/list-by-condition", key: alice, body: JSONValue.object(["ids": .array((0...100).map { .string("\($0)") })]).encoded())
            #expect(tooMany.status == 422 && tooMany.json?["code"] == .int(4))
            #expect(try await harness.token(forKey: alice).usedMicros == 50_000)
        }
    }

    @Test func theMjApiSecretHeaderCarriesTheCustomersKey() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/mj/submit/imagine", key: nil, body: #"{"prompt":"by header"}"#, headers: [("mj-api-secret", key)])
            #expect(answer.status == 200 && answer.json?["code"] == .int(1), "\(answer.body)")
            let wrong = try await harness.call(.GET, harness.baseURL + "/mj/task/1/fetch", key: nil, headers: [("mj-api-secret", "sk-wrong")])
            #expect(wrong.status == 401 && wrong.json?["code"] == .int(4))
        }
    }
}
