import Foundation
import SQLKit
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Midjourney as a customer walks it: imagine, then the buttons of the result (upscale, variation, zoom), the modal
/// flow, blend, describe, shorten, swap-face, upload, the image seed and the notifyHook.
@Suite struct MidjourneyScenarioTests {
    @Test func imagineUpscaleVariationAndZoomRunOnTheParentsChannelAndEachIsCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let grid = try await harness.mjImagine("a lighthouse at dawn --ar 3:2", key: key)
            let gridID = try #require(grid["id"]?.stringValue)
            #expect(grid["action"] == "IMAGINE" && grid["progress"] == "100%" && grid["prompt"] == "a lighthouse at dawn --ar 3:2")
            #expect(grid["submitTime"]?.intValue.map { $0 > 1_600_000_000_000 } == true, "epoch milliseconds")
            #expect(grid["finishTime"]?.intValue.map { $0 >= grid["submitTime"]?.intValue ?? .max } == true)
            // Buttons name the task's public id, never the upstream's image hash.
            let buttons = grid["buttons"]?.arrayValue?.compactMap { $0["customId"]?.stringValue } ?? []
            #expect(buttons.count == 9, "\(buttons)")
            #expect(buttons.contains("MJ::JOB::upsample::1::\(gridID)") && buttons.contains("MJ::JOB::reroll::0::\(gridID)::SOLO"))
            #expect(buttons.allSatisfy { !$0.contains("-") }, "an upstream hash leaked: \(buttons)")
            let image = try await harness.call(.GET, try #require(grid["imageUrl"]?.stringValue), key: nil)
            #expect(image.status == 200 && image.headers.first(name: "Content-Type") == "image/png" && image.body.contains("PNG"))

            let upscaleAnswer = try await harness.mjPress("upsample::2", on: grid, key: key)
            #expect(upscaleAnswer.status == 200 && upscaleAnswer.json?["code"] == .int(1), "\(upscaleAnswer.body)")
            let upscaleID = try #require(upscaleAnswer.json?["result"]?.stringValue)
            let upscaled = try await harness.waitForMidjourneyTask(upscaleID, key: key)
            #expect(upscaled["action"] == "UPSCALE" && upscaled["status"] == "SUCCESS")
            #expect(upscaled["customId"] == .string("MJ::JOB::upsample::2::\(gridID)"))
            #expect(mjButton("Outpaint::50", of: upscaled) == "MJ::Outpaint::50::1::\(upscaleID)::SOLO")

            let variationID = try #require(try await harness.mjPress("low_variation", on: upscaled, key: key).json?["result"]?.stringValue)
            let zoomID = try #require(try await harness.mjPress("Outpaint::50", on: upscaled, key: key).json?["result"]?.stringValue)
            let variation = try await harness.waitForMidjourneyTask(variationID, key: key)
            let zoom = try await harness.waitForMidjourneyTask(zoomID, key: key)
            #expect(variation["action"] == "VARIATION" && variation["status"] == "SUCCESS")
            #expect(zoom["action"] == "ZOOM" && zoom["status"] == "SUCCESS")
            // A zoom's result is a grid again, whose buttons go on.
            #expect(mjButton("upsample::1", of: zoom) == "MJ::JOB::upsample::1::\(zoomID)")

            // Every follow-up ran on the channel that made the grid, and each was charged its own price once.
            for id in [gridID, upscaleID, variationID, zoomID] {
                #expect(try await harness.channelName(ofTask: id) == "mj-fast-0")
            }
            for (id, micros) in [(gridID, 50_000), (upscaleID, 20_000), (variationID, 50_000), (zoomID, 50_000)] {
                let entries = try await harness.ledger(id)
                #expect(entries.map(\.kind) == ["hold", "settle"], "\(id)")
                #expect(entries.first.map { abs($0.amountMicros) } == Int64(micros), "\(id): \(entries)")
            }
            #expect(try await harness.token(forKey: key).usedMicros == 170_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func rerollPanAndStrongVariationArePricedAsTheirActions() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let grid = try await harness.mjImagine("a windmill", key: key)
            let rerollID = try #require(try await harness.mjPress("reroll", on: grid, key: key).json?["result"]?.stringValue)
            let upscaled = try await harness.waitForMidjourneyTask(
                try #require(try await harness.mjPress("upsample::4", on: grid, key: key).json?["result"]?.stringValue), key: key)
            let panID = try #require(try await harness.mjPress("pan_left", on: upscaled, key: key).json?["result"]?.stringValue)
            let strongID = try #require(try await harness.mjPress("high_variation", on: upscaled, key: key).json?["result"]?.stringValue)
            for (id, action) in [(rerollID, "REROLL"), (panID, "PAN"), (strongID, "VARIATION")] {
                let task = try await harness.waitForMidjourneyTask(id, key: key)
                #expect(task["action"] == .string(action) && task["status"] == "SUCCESS", "\(task.encoded())")
            }
            let actions = try await harness.database.read.raw(
                "SELECT action FROM tasks WHERE id IN (\(binds: [rerollID, panID, strongID])) ORDER BY action"
            ).all().map { try $0.decode(column: "action", as: String.self) }
            #expect(actions == ["pan", "reroll", "variation"])
            // imagine + upscale + reroll + pan + variation at their fast prices.
            #expect(try await harness.token(forKey: key).usedMicros == 50_000 + 20_000 + 50_000 + 50_000 + 50_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aCustomZoomWaitsForItsModalAndThenRunsAsTheSameChargedTask() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let grid = try await harness.mjImagine("a quiet harbour", key: key)
            let upscaled = try await harness.waitForMidjourneyTask(
                try #require(try await harness.mjPress("upsample::1", on: grid, key: key).json?["result"]?.stringValue), key: key)

            let opened = try await harness.mjPress("CustomZoom", on: upscaled, key: key)
            #expect(opened.status == 200 && opened.json?["code"] == .int(21), "\(opened.body)")
            #expect(opened.json?["properties"]?["status"] == "MODAL")
            let zoomID = try #require(opened.json?["result"]?.stringValue)
            #expect(try await harness.mjTask(zoomID, key: key)["status"] == "MODAL")
            // The modal is charged when it opens (code 21), and held until it ends.
            #expect(try await harness.ledger(zoomID).map(\.kind) == ["hold"])

            // A modal for a task that is not waiting for one is refused.
            let wrong = try await harness.mj("/mj/submit/modal", key: key, body: #"{"taskId":"\#(upscaled["id"]?.stringValue ?? "")","prompt":"x"}"#)
            #expect(wrong.status == 422 && wrong.json?["code"] == .int(4), "\(wrong.body)")

            let modal = try await harness.mj("/mj/submit/modal", key: key, body: #"{"taskId":"\#(zoomID)","prompt":"a quiet harbour --zoom 1.8"}"#)
            #expect(modal.status == 200 && modal.json?["code"] == .int(1) && modal.json?["result"] == .string(zoomID), "\(modal.body)")
            let zoom = try await harness.waitForMidjourneyTask(zoomID, key: key)
            #expect(zoom["action"] == "CUSTOM_ZOOM" && zoom["status"] == "SUCCESS" && zoom["prompt"] == "a quiet harbour --zoom 1.8")
            #expect(try await harness.ledger(zoomID).map(\.kind) == ["hold", "settle"])

            // Vary (Region) is the other modal: its mask completes it.
            let inpaintID = try #require(try await harness.mjPress("Inpaint", on: upscaled, key: key).json?["result"]?.stringValue)
            let badMask = try await harness.mj("/mj/submit/modal", key: key, body: #"{"taskId":"\#(inpaintID)","maskBase64":"nope"}"#)
            #expect(badMask.status == 422 && badMask.json?["code"] == .int(4))
            let masked = try await harness.mj(
                "/mj/submit/modal", key: key, body: #"{"taskId":"\#(inpaintID)","prompt":"a red boat","maskBase64":"\#(TestHarness.pngDataURI)"}"#)
            #expect(masked.json?["code"] == .int(1), "\(masked.body)")
            #expect(try await harness.waitForMidjourneyTask(inpaintID, key: key)["status"] == "SUCCESS")
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func blendDescribeShortenSwapFaceAndUpload() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let png = TestHarness.pngDataURI
            let blendID = try await harness.mjSubmit(
                "/mj/submit/blend", key: key, body: #"{"base64Array":["\#(png)","\#(png)"],"dimensions":"PORTRAIT"}"#)
            let blend = try await harness.waitForMidjourneyTask(blendID, key: key)
            #expect(blend["action"] == "BLEND" && blend["status"] == "SUCCESS" && mjButton("upsample::1", of: blend) != nil)
            let single = try await harness.mj("/mj/submit/blend", key: key, body: #"{"base64Array":["\#(png)"]}"#)
            #expect(single.status == 422 && single.json?["code"] == .int(4), "\(single.body)")

            let describe = try await harness.waitForMidjourneyTask(
                try await harness.mjSubmit("/mj/submit/describe", key: key, body: #"{"base64":"\#(png)"}"#), key: key)
            #expect(describe["action"] == "DESCRIBE" && describe["status"] == "SUCCESS")
            #expect(describe["properties"]?["finalPrompt"]?.stringValue?.components(separatedBy: "\n\n").count == 4, "\(describe.encoded())")

            let shorten = try await harness.waitForMidjourneyTask(
                try await harness.mjSubmit("/mj/submit/shorten", key: key, body: #"{"prompt":"a very long and winding road through hills"}"#),
                key: key)
            #expect(shorten["action"] == "SHORTEN" && shorten["properties"]?["finalPrompt"]?.stringValue?.isEmpty == false)

            let swap = try await harness.waitForMidjourneyTask(
                try await harness.mjSubmit("/mj/insight-face/swap", key: key, body: #"{"sourceBase64":"\#(png)","targetBase64":"\#(png)"}"#), key: key
            )
            #expect(swap["action"] == "SWAP_FACE" && swap["status"] == "SUCCESS" && swap["imageUrl"]?.stringValue != nil)

            let upload = try await harness.mj("/mj/submit/upload-discord-images", key: key, body: #"{"base64Array":["\#(png)","\#(png)"]}"#)
            #expect(upload.status == 200 && upload.json?["code"] == .int(1), "\(upload.body)")
            let urls = upload.json?["result"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(urls.count == 2)
            for url in urls { #expect(try await harness.call(.GET, url, key: nil).status == 200) }

            // Blend, describe, shorten and swap-face at their fast prices; the upload is free.
            #expect(try await harness.token(forKey: key).usedMicros == 50_000 + 20_000 + 20_000 + 40_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aVideoFromAnImageAndAnEditedImage() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let png = TestHarness.pngDataURI
            let videoID = try await harness.mjSubmit(
                "/mj/submit/video", key: key, body: #"{"prompt":"waves rolling in","image":"\#(png)","motion":"high"}"#)
            let video = try await harness.waitForMidjourneyTask(videoID, key: key)
            #expect(video["action"] == "VIDEO" && video["status"] == "SUCCESS", "\(video.encoded())")
            let clip = try await harness.call(.GET, try #require(video["videoUrl"]?.stringValue), key: nil)
            #expect(clip.status == 200 && clip.headers.first(name: "Content-Type") == "video/mp4")
            let badMotion = try await harness.mj("/mj/submit/video", key: key, body: #"{"prompt":"x","image":"\#(png)","motion":"wild"}"#)
            #expect(badMotion.status == 422 && badMotion.json?["code"] == .int(4))

            let edit = try await harness.waitForMidjourneyTask(
                try await harness.mjSubmit(
                    "/mj/submit/edits", key: key, body: #"{"prompt":"make it night","image":"\#(png)","maskBase64":"\#(png)"}"#), key: key)
            #expect(edit["action"] == "EDITS" && edit["status"] == "SUCCESS" && mjButton("upsample::1", of: edit) != nil)
            #expect(try await harness.token(forKey: key).usedMicros == 300_000 + 50_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func theImageSeedOfAFinishedImage() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let grid = try await harness.mjImagine("seeded", key: key)
            let seed = try await harness.call(.GET, harness.baseURL + "/mj/task/\(grid["id"]?.stringValue ?? "")/image-seed", key: key)
            #expect(seed.status == 200 && seed.json?["code"] == .int(1), "\(seed.body)")
            #expect(seed.json?["result"]?.stringValue.map { !$0.isEmpty && $0.allSatisfy(\.isNumber) } == true)
            // Asking costs nothing.
            #expect(try await harness.token(forKey: key).usedMicros == 50_000)
        }
    }

    @Test func theNotifyHookHearsEveryChangeIncludingProgress() async throws {
        let receiver = try await CallbackReceiver.start()
        // The upstream's time moves only when the test moves it: each progress step is seen by a poll.
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 1, clock: clock)]) { harness in
            let key = try await harness.customerKey()
            let body = JSONValue.object(["prompt": "a slow sunrise", "notifyHook": .string(receiver.url), "state": "order-17"]).encoded()
            let id = try await harness.mjSubmit("/mj/submit/imagine", key: key, body: body)
            func heard(_ status: String, _ progress: String) async throws {
                try await waitUntil {
                    receiver.deliveries.contains {
                        let payload = JSONValue.parse($0.body.utf8)
                        return payload?["status"] == .string(status) && payload?["progress"] == .string(progress)
                    }
                }
            }
            try await heard("SUBMITTED", "0%")
            for (seconds, progress) in [(1.1, "0%"), (0.5, "25%"), (0.5, "50%")] {
                clock.advance(bySeconds: seconds)
                try await heard("IN_PROGRESS", progress)
            }
            clock.advance(bySeconds: 1)
            try await heard("SUCCESS", "100%")
            let payloads = receiver.deliveries.compactMap { JSONValue.parse($0.body.utf8) }
            #expect(payloads.allSatisfy { $0["id"] == .string(id) && $0["state"] == "order-17" })
            // In order; a change the status and progress do not show (the upstream's first full answer) may add one.
            var seen: [String] = []
            for payload in payloads {
                let step = "\(payload["status"]?.stringValue ?? "") \(payload["progress"]?.stringValue ?? "")"
                if seen.last != step { seen.append(step) }
            }
            #expect(seen == ["SUBMITTED 0%", "IN_PROGRESS 0%", "IN_PROGRESS 25%", "IN_PROGRESS 50%", "SUCCESS 100%"], "\(seen)")
        }
        await receiver.stop()
    }
}
