import Foundation
import NIOHTTP1
import SwitchyardEmulator
import Testing

@testable import Switchyard

/// Runway through the gateway as the `runwayml` SDK calls it: every create route, Runway's statuses and errors,
/// the version header, prices per second of output, cancel and delete money rules, and the organization.
@Suite struct RunwayRoutesTests {
    /// A create body per route and what its task costs by default (micro-dollars) and makes.
    struct Route: Sendable, CustomStringConvertible {
        let path: String
        let body: String
        let micros: Int64
        let contentType: String
        var description: String { path }
    }

    static let routes: [Route] = [
        Route(path: "image_to_video", body: TestHarness.runwayImageToVideo("a calm sea"), micros: 250_000, contentType: "video/mp4"),
        Route(
            path: "image_to_video",
            body:
                #"{"model":"gen3a_turbo","ratio":"768:1280","duration":10,"promptImage":[{"uri":"https://example.com/a.png","position":"first"},{"uri":"data:image/png;base64,iVBORw0KGgo=","position":"last"}]}"#,
            micros: 500_000, contentType: "video/mp4"),
        Route(
            path: "text_to_image", body: #"{"model":"gen4_image","promptText":"a lighthouse","ratio":"1920:1080","seed":42}"#, micros: 80_000,
            contentType: "image/png"),
        Route(
            path: "text_to_image",
            body:
                #"{"model":"gen4_image","promptText":"a lighthouse","ratio":"1280:720","referenceImages":[{"uri":"https://example.com/r.png","tag":"pier"}]}"#,
            micros: 50_000, contentType: "image/png"),
        Route(
            path: "video_to_video", body: #"{"model":"gen4_aleph","videoUri":"https://example.com/in.mp4","promptText":"make it snow"}"#,
            micros: 750_000, contentType: "video/mp4"),
        Route(
            path: "video_upscale", body: #"{"model":"upscale_v1","videoUri":"https://example.com/in.mp4"}"#, micros: 800_000, contentType: "video/mp4"
        ),
        Route(
            path: "character_performance",
            body:
                #"{"model":"act_two","character":{"type":"image","uri":"https://example.com/face.png"},"reference":{"type":"video","uri":"https://example.com/act.mp4"},"expressionIntensity":3}"#,
            micros: 1_500_000, contentType: "video/mp4"),
    ]

    /// All routes on one gateway (one harness, each route with a fresh key), so the suite stays light on a busy
    /// machine.
    @Test func everyCreateRouteEndsSucceededWithAServedOutputAndChargesItsPrice() async throws {
        try await TestHarness.run { harness in
            for route in Self.routes {
                let key = try await harness.customerKey()
                let id = try await harness.runwayCreate(route.path, route.body, key: key)
                let task = try await harness.waitForRunwayTask(id, key: key)
                #expect(task["status"] == "SUCCEEDED", "\(route): \(task.encoded())")
                #expect(task["id"]?.stringValue == id)
                #expect(task["createdAt"]?.stringValue.flatMap { ISO8601DateFormatter.withFractions.date(from: $0) } != nil)
                #expect(task["cost"]?["credits"]?.intValue == Int(route.micros / 10_000), "\(route)")
                let output = try #require(task["output"]?.arrayValue?.first?.stringValue, "\(route): \(task.encoded())")
                // The gateway's own copy (its media store), not the upstream's link.
                #expect(output.hasPrefix(harness.mediaPrefix), "\(route): \(output)")
                let file = try await harness.call(.GET, output, key: nil)
                #expect(file.status == 200)
                #expect(file.headers.first(name: "Content-Type") == route.contentType, "\(route)")
                #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
                let token = try await harness.token(forKey: key)
                #expect(token.usedMicros == route.micros, "\(route)")
                #expect(token.heldMicros == 0)
            }
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aTenSecondVideoCostsTwiceAFiveSecondOne() async throws {
        try await TestHarness.run { harness in
            var used: [Int: Int64] = [:]
            for duration in [5, 10] {
                let key = try await harness.customerKey()
                let id = try await harness.runwayCreate("image_to_video", TestHarness.runwayImageToVideo("waves", duration: duration), key: key)
                #expect(try await harness.waitForRunwayTask(id, key: key)["status"] == "SUCCEEDED")
                used[duration] = try await harness.token(forKey: key).usedMicros
            }
            // gen4_turbo: 5 credits ($0.05) per second.
            #expect(used[5] == 250_000)
            #expect(used[10] == 500_000)
        }
    }

    @Test func aMissingOrUnknownVersionIsA400InRunwaysShapeAndChargesNothing() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for version in [nil, "2020-01-01"] as [String?] {
                let create = try await harness.runway(.POST, "/image_to_video", key: key, body: TestHarness.runwayImageToVideo("x"), version: version)
                #expect(create.status == 400, "\(create.body)")
                #expect(create.json?["error"]?.stringValue?.contains("X-Runway-Version") == true, "\(create.body)")
                for path in ["/tasks/00000000-0000-0000-0000-000000000000", "/organization"] {
                    let read = try await harness.runway(.GET, path, key: key, version: version)
                    #expect(read.status == 400, "\(path): \(read.body)")
                }
            }
            #expect(harness.emulators[0].requestCount("POST /v1/image_to_video") == 0)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
        }
    }

    @Test func badFieldsAre400sWithIssuesNamingTheField() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let cases: [(String, String, [String])] = [
                ("image_to_video", #"{"model":"gen4_turbo","promptImage":"https://e.com/a.png","ratio":"768:1280"}"#, ["ratio"]),
                (
                    "image_to_video", #"{"model":"gen4_turbo","promptImage":[{"uri":"https://e.com/a.png","position":"last"}],"ratio":"1280:720"}"#,
                    ["promptImage", "0", "position"]
                ),
                ("image_to_video", #"{"model":"gen4_turbo","promptImage":"https://e.com/a.png","ratio":"1280:720","seed":4294967296}"#, ["seed"]),
                ("text_to_image", #"{"model":"gen4_image_turbo","promptText":"x","ratio":"1920:1080"}"#, ["referenceImages"]),
                ("video_to_video", #"{"model":"gen4_aleph","videoUri":"ftp://e.com/a.mp4","promptText":"x"}"#, ["videoUri"]),
                (
                    "character_performance",
                    #"{"model":"act_two","character":{"type":"audio","uri":"https://e.com/a"},"reference":{"type":"video","uri":"https://e.com/b.mp4"}}"#,
                    ["character", "type"]
                ),
            ]
            for (route, body, path) in cases {
                let answer = try await harness.runway(.POST, "/\(route)", key: key, body: body)
                #expect(answer.status == 400, "\(route) \(body): \(answer.body)")
                #expect(answer.json?["issues"]?[0]?["path"] == .array(path.map(JSONValue.string)), "\(answer.body)")
            }
            let unknown = try await harness.runway(.GET, "/tasks/00000000-0000-0000-0000-000000000000", key: key)
            #expect(unknown.status == 404)
            #expect(unknown.json?["error"]?.stringValue?.isEmpty == false)
            let badKey = try await harness.runway(.GET, "/organization", key: "sk-not-a-key")
            #expect(badKey.status == 401)
            #expect(badKey.json?["error"]?.stringValue?.isEmpty == false)
            #expect(try await harness.token(forKey: key).usedMicros == 0)
        }
    }
}

extension ISO8601DateFormatter {
    /// Parses Runway's `createdAt` (milliseconds and `Z`).
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
