import Foundation
import SwitchyardEmulator
import Testing

@testable import Switchyard

/// Replicate under `/replicate/v1`: every create route, `Prefer: wait`, the caller's list, cancel and its money,
/// metadata, keys as `Token`, and errors in Replicate's problem JSON.
@Suite struct ReplicatePredictionTests {
    @Test func anOfficialModelPredictionSucceedsWithItsFilesAndIsChargedPerOutput() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.replicate(
                .POST, "/models/black-forest-labs/flux-schnell/predictions", key: key,
                body: #"{"input":{"prompt":"a lighthouse at dusk","num_outputs":2}}"#)
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(id.count == 26 && id.allSatisfy { $0.isLowercase || $0.isNumber })
            #expect(created.json?["status"] == "starting")
            #expect(created.json?["urls"]?["get"]?.stringValue == harness.replicateURL + "/predictions/\(id)")
            #expect(created.json?["input"]?["prompt"] == "a lighthouse at dusk")

            let done = try await harness.waitForPrediction(id, key: key)
            #expect(done["status"] == "succeeded", "\(done)")
            #expect(done["model"] == "black-forest-labs/flux-schnell")
            #expect(done["version"]?.stringValue == ReplicateTestModels.fluxVersion)
            #expect((done["metrics"]?["predict_time"]?.doubleValue ?? 0) > 0)
            #expect(done["completed_at"]?.stringValue?.hasSuffix("Z") == true)
            let outputs = (done["output"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(outputs.count == 2)
            // The gateway's own copies, from its media store.
            #expect(outputs.allSatisfy { $0.hasPrefix(harness.baseURL + "/media/") }, "\(outputs)")
            let image = try await harness.call(.GET, try #require(outputs.first), key: nil)
            #expect(image.status == 200 && image.headers.first(name: "content-type") == "image/png")
            #expect(image.body.contains("PNG") && image.body.count > 50)

            // $0.003 per image, two images.
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.ledger(id).first?.amountMicros == 6_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aModelNoChannelNamesIsNotFoundAndCostsNothing() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.replicate(.POST, "/models/nobody/nothing/predictions", key: key, body: #"{"input":{"prompt":"x"}}"#)
            #expect(answer.status == 404, "\(answer.body)")
            #expect(answer.json?["detail"]?.stringValue?.contains("nobody/nothing") == true, "\(answer.body)")
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 0)
        }
    }

    @Test func aVersionRunsNamedWithItsModelOrAlone() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let named = try await harness.replicate(
                .POST, "/predictions", key: key,
                body: #"{"version":"stability-ai/sdxl:\#(ReplicateTestModels.sdxlVersion)","input":{"prompt":"a red fox"}}"#)
            #expect(named.status == 201, "\(named.body)")
            let alone = try await harness.replicate(
                .POST, "/predictions", key: key, body: #"{"version":"\#(ReplicateTestModels.sdxlVersion)","input":{"prompt":"a red fox"}}"#)
            #expect(alone.status == 201, "\(alone.body)")
            for (answer, price) in [(named, Int64(4_000)), (alone, Int64(10_000))] {
                let id = try #require(answer.json?["id"]?.stringValue)
                let done = try await harness.waitForPrediction(id, key: key)
                #expect(done["status"] == "succeeded")
                // The model as the upstream names it, also for a version sent alone.
                #expect(done["model"] == "stability-ai/sdxl")
                #expect(done["version"]?.stringValue == ReplicateTestModels.sdxlVersion)
                #expect(try await harness.ledger(id).first?.amountMicros == price)
            }
            // A version no channel serves, and a version the upstream does not know.
            let unserved = try await harness.replicate(.POST, "/predictions", key: key, body: #"{"version":"abc123","input":{}}"#)
            #expect(unserved.status == 503 || unserved.status == 404, "\(unserved.body)")
            let unknown = try await harness.replicate(
                .POST, "/predictions", key: key, body: #"{"version":"stability-ai/sdxl:0000","input":{"prompt":"x"}}"#)
            #expect(unknown.status == 422, "\(unknown.body)")
            #expect(unknown.json?["status"]?.intValue == 422 && unknown.json?["detail"]?.stringValue?.isEmpty == false)
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 14_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aDeploymentRunsItsModel() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.replicate(
                .POST, "/deployments/acme/flux-prod/predictions", key: key, body: #"{"input":{"prompt":"a kite"}}"#)
            #expect(created.status == 201, "\(created.body)")
            let done = try await harness.waitForPrediction(try #require(created.json?["id"]?.stringValue), key: key)
            #expect(done["status"] == "succeeded")
            #expect(done["model"] == "black-forest-labs/flux-schnell")
            #expect(done["output"]?.arrayValue?.count == 1)

            let missing = try await harness.replicate(.POST, "/deployments/acme/nothing/predictions", key: key, body: #"{"input":{}}"#)
            #expect(missing.status == 404, "\(missing.body)")
            #expect(missing.json?["title"] == "Not found")
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 10_000)
        }
    }

    @Test func preferWaitAnswersTheFinishedPrediction() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let waited = try await harness.replicate(
                .POST, "/models/minimax/video-01/predictions", key: key, body: #"{"input":{"prompt":"waves"}}"#, headers: [("Prefer", "wait")])
            #expect(waited.status == 201, "\(waited.body)")
            #expect(waited.json?["status"] == "succeeded", "\(waited.body)")
            let video = try #require(waited.json?["output"]?.stringValue)
            #expect(video.hasSuffix(".mp4"))
            let file = try await harness.call(.GET, video, key: nil)
            #expect(file.status == 200 && file.headers.first(name: "content-type") == "video/mp4")

            let refused = try await harness.replicate(
                .POST, "/models/minimax/video-01/predictions", key: key, body: #"{"input":{}}"#, headers: [("Prefer", "wait=61")])
            #expect(refused.status == 422, "\(refused.body)")
            #expect(try await harness.token(forKey: key).usedMicros == 500_000)
        }
    }

    @Test func preferWaitAnswersARunningPredictionWhenTheTimeRunsOut() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(clock: .manual())]) { harness in
            let key = try await harness.customerKey()
            let started = ContinuousClock.now
            let waited = try await harness.replicate(
                .POST, "/models/black-forest-labs/flux-schnell/predictions", key: key, body: #"{"input":{"prompt":"x"}}"#,
                headers: [("Prefer", "wait=1")])
            #expect(waited.status == 201)
            #expect(waited.json?["status"] == "starting", "\(waited.body)")
            #expect(ContinuousClock.now - started >= .milliseconds(900))
        }
    }

    @Test func theListPagesOnlyTheCallersPredictions() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let other = try await harness.customerKey()
            var mine: Set<String> = []
            for index in 0...ReplicateRoutes.pageSize {
                let created = try await harness.replicate(
                    .POST, "/models/black-forest-labs/flux-schnell/predictions", key: key, body: #"{"input":{"prompt":"p\#(index)"}}"#)
                mine.insert(try #require(created.json?["id"]?.stringValue))
            }
            let theirs = try await harness.replicate(
                .POST, "/models/black-forest-labs/flux-schnell/predictions", key: other, body: #"{"input":{"prompt":"theirs"}}"#)

            let first = try await harness.replicate(.GET, "/predictions", key: key)
            #expect(first.status == 200)
            #expect(first.json?["results"]?.arrayValue?.count == ReplicateRoutes.pageSize)
            #expect(first.json?["previous"] == .null)
            let next = try #require(first.json?["next"]?.stringValue)
            #expect(next.hasPrefix(harness.replicateURL + "/predictions?cursor="))
            let second = try await harness.call(.GET, next, key: key)
            #expect(second.json?["results"]?.arrayValue?.count == 1)
            #expect(second.json?["next"] == .null)
            #expect(second.json?["previous"]?.stringValue != nil)
            let listed = ((first.json?["results"]?.arrayValue ?? []) + (second.json?["results"]?.arrayValue ?? [])).compactMap {
                $0["id"]?.stringValue
            }
            #expect(Set(listed) == mine)

            let theirList = try await harness.replicate(.GET, "/predictions", key: other)
            #expect(
                theirList.json?["results"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [theirs.json?["id"]?.stringValue].compactMap { $0 })
            let forged = try await harness.replicate(.GET, "/predictions?cursor=nonsense", key: key)
            #expect(forged.status == 422)
        }
    }

    @Test func cancelRefundsALivePredictionOnceAndLeavesAFinishedOneSettled() async throws {
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: [EmulatorConfiguration(clock: clock)]) { harness in
            let key = try await harness.customerKey()
            let stranger = try await harness.customerKey()
            let created = try await harness.replicate(
                .POST, "/models/black-forest-labs/flux-schnell/predictions", key: key, body: #"{"input":{"prompt":"stop me"}}"#)
            let id = try #require(created.json?["id"]?.stringValue)

            let theirs = try await harness.replicate(.POST, "/predictions/\(id)/cancel", key: stranger)
            #expect(theirs.status == 404)
            #expect(try await harness.replicate(.GET, "/predictions/\(id)", key: stranger).status == 404)

            let canceled = try await harness.replicate(.POST, "/predictions/\(id)/cancel", key: key)
            #expect(canceled.status == 200, "\(canceled.body)")
            #expect(canceled.json?["status"] == "canceled")
            #expect(canceled.json?["error"] == .null)
            let again = try await harness.replicate(.POST, "/predictions/\(id)/cancel", key: key)
            #expect(again.json?["status"] == "canceled")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
            // The upstream was told to stop.
            #expect(harness.emulators[0].requestCount("POST /v1/predictions/{id}/cancel") >= 1)

            // A finished prediction stays as it ended, and charged.
            let finished = try await harness.replicate(
                .POST, "/models/black-forest-labs/flux-schnell/predictions", key: key, body: #"{"input":{"prompt":"let me be"}}"#)
            let finishedID = try #require(finished.json?["id"]?.stringValue)
            clock.advance(bySeconds: 10)
            _ = try await harness.waitForPrediction(finishedID, key: key)
            let late = try await harness.replicate(.POST, "/predictions/\(finishedID)/cancel", key: key)
            #expect(late.json?["status"] == "succeeded")
            #expect(try await harness.ledger(finishedID).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.token(forKey: stranger).usedMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func modelsAndVersionsComeFromTheChannel() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let model = try await harness.replicate(.GET, "/models/black-forest-labs/flux-schnell", key: key)
            #expect(model.status == 200, "\(model.body)")
            #expect(model.json?["latest_version"]?["id"]?.stringValue == ReplicateTestModels.fluxVersion)
            let versions = try await harness.replicate(.GET, "/models/stability-ai/sdxl/versions", key: key)
            #expect(versions.json?["results"]?.arrayValue?.first?["id"]?.stringValue == ReplicateTestModels.sdxlVersion)
            let version = try await harness.replicate(.GET, "/models/stability-ai/sdxl/versions/\(ReplicateTestModels.sdxlVersion)", key: key)
            #expect(version.json?["openapi_schema"]?["components"]?["schemas"]?["Output"] != nil)
            let missing = try await harness.replicate(.GET, "/models/nobody/nothing", key: key)
            #expect(missing.status == 404 && missing.json?["detail"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func aTokenKeyIsAcceptedAndAMissingKeyIsA401InReplicatesShape() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(
                .POST, harness.replicateURL + "/models/black-forest-labs/flux-schnell/predictions", key: nil, body: #"{"input":{}}"#,
                headers: [("Authorization", "Token \(key)")])
            #expect(created.status == 201, "\(created.body)")
            let anonymous = try await harness.replicate(.GET, "/predictions", key: nil)
            #expect(anonymous.status == 401)
            #expect(anonymous.json?["status"]?.intValue == 401 && anonymous.json?["title"] == "Unauthenticated")
        }
    }

    @Test func aChannelServesModelsByPattern() {
        let channel = Channel(
            id: 1, name: "r", family: "replicate", baseURL: "http://x", credential: .init(key: "k"),
            models: ["black-forest-labs/*", "stability-ai/sdxl"],
            priority: 0, weight: 1, status: "enabled")
        #expect(channel.serves(model: "black-forest-labs/flux-schnell"))
        #expect(channel.serves(model: "stability-ai/sdxl"))
        #expect(!channel.serves(model: "stability-ai/sdxl-turbo"))
        #expect(!channel.serves(model: "black-forest-labs"))
    }
}
