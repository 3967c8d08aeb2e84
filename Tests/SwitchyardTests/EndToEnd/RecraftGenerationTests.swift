import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Recraft generations end to end: images a viewer opens (WebP for raster styles, SVG for vector ones, base64 when
/// asked), the price per image by model and style, and refusals in Recraft's shape with nothing charged.
@Suite struct RecraftGenerationTests {
    @Test func aGenerationAnswersWebPImagesAndIsChargedPerImage() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let answer = try await harness.recraftGenerate(
                #"{"prompt":"a lighthouse at dusk","n":2,"style":"realistic_image","substyle":"hdr","size":"1365x1024","controls":{"colors":[{"rgb":[10,20,30]}],"artistic_level":3,"no_text":true}}"#,
                key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let created = try #require(answer.json?["created"]?.intValue)
            #expect(abs(created - Int(Date().timeIntervalSince1970)) < 60)
            let images = try #require(answer.json?["data"]?.arrayValue)
            #expect(images.count == 2)
            for image in images {
                #expect(image["image_id"]?.stringValue?.isEmpty == false)
                let file = try await harness.download(try #require(image["url"]?.stringValue))
                #expect(file.status == 200)
                #expect(file.contentType == "image/webp")
                let size = try #require(RecraftImages.webPSize(file.bytes))
                #expect(size.width == 64 && size.height == 64)
            }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 80_000)
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: [
        ("recraftv3", "vector_illustration", 80_000), ("recraftv2", "icon", 44_000), ("recraftv2", "digital_illustration", 22_000),
    ])
    func eachModelAndStyleHasItsPriceAndVectorStylesAnswerSVG(model: String, style: String, price: Int64) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let answer = try await harness.recraftGenerate(#"{"prompt":"a fox","model":"\#(model)","style":"\#(style)"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let url = try #require(answer.json?["data"]?[0]?["url"]?.stringValue)
            let file = try await harness.download(url)
            if RecraftSettings.vectorStyles.contains(style) {
                #expect(file.contentType == "image/svg+xml")
                #expect(RecraftImages.isSVG(file.bytes))
            } else {
                #expect(RecraftImages.webPSize(file.bytes) != nil)
            }
            #expect(try await harness.token(forKey: key).usedMicros == price)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func b64JSONCarriesTheImagesInTheAnswer() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let raster = try await harness.recraftGenerate(#"{"prompt":"a pear","response_format":"b64_json"}"#, key: key)
            #expect(raster.status == 200, "\(raster.body)")
            let image = try #require(raster.json?["data"]?[0])
            #expect(image["url"] == nil)
            let bytes = try #require(image["b64_json"]?.stringValue.flatMap { Data(base64Encoded: $0) })
            #expect(RecraftImages.webPSize(Array(bytes)) != nil)

            let vector = try await harness.recraftGenerate(
                #"{"prompt":"a pear","style":"vector_illustration","response_format":"b64_json"}"#, key: key)
            let svg = try #require(vector.json?["data"]?[0]?["b64_json"]?.stringValue.flatMap { Data(base64Encoded: $0) })
            #expect(RecraftImages.isSVG(Array(svg)))
        }
    }

    static let badBodies: [(String, String)] = [
        (#"{}"#, "prompt"),
        (#"{"prompt":""}"#, "prompt"),
        (#"{"prompt":5}"#, "prompt"),
        (#"{"prompt":"x","n":3}"#, "n"),
        (#"{"prompt":"x","n":1.5}"#, "n"),
        (#"{"prompt":"x","model":"recraftv9"}"#, "model"),
        (#"{"prompt":"x","style":"oil_painting"}"#, "style"),
        (#"{"prompt":"x","style":"icon"}"#, "style"),
        (#"{"prompt":"x","model":"recraftv2","style":"logo_raster"}"#, "style"),
        (#"{"prompt":"x","style":"realistic_image","substyle":"pixel_art"}"#, "substyle"),
        (#"{"prompt":"x","style":"realistic_image","style_id":"abc"}"#, "style_id"),
        (#"{"prompt":"x","size":"1000x1000"}"#, "size"),
        (#"{"prompt":"x","response_format":"png"}"#, "response_format"),
        (#"{"prompt":"x","controls":{"artistic_level":6}}"#, "controls.artistic_level"),
        (#"{"prompt":"x","controls":{"colors":[{"rgb":[1,2]}]}}"#, "controls.colors[0].rgb"),
        (#"{"prompt":"x","controls":{"background_color":{"rgb":[1,2,300]}}}"#, "controls.background_color.rgb"),
        (#"{"prompt":"x","controls":{"no_text":"yes"}}"#, "controls.no_text"),
        (#"{"prompt":"x","text_layout":[{"text":"hi","bbox":[[0,0],[1,0]]}]}"#, "text_layout[0].bbox"),
        (#"{"prompt":"\#(String(repeating: "a", count: 1001))"}"#, "prompt"),
    ]

    @Test func badInputIsA400InRecraftsShapeWithNothingCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for (body, field) in Self.badBodies {
                let answer = try await harness.recraftGenerate(body, key: key)
                #expect(answer.status == 400, "\(body): \(answer.body)")
                #expect(answer.json?["code"]?.stringValue?.isEmpty == false, "\(body)")
                #expect(answer.json?["message"]?.stringValue?.hasPrefix(field + ":") == true, "\(body): \(answer.body)")
            }
            let malformed = try await harness.call(.POST, harness.recraftURL + "/images/generations", key: key, rawBody: "{not json")
            #expect(malformed.status == 400)
            #expect(malformed.json?["message"] != nil)
            let anonymous = try await harness.recraftGenerate(#"{"prompt":"x"}"#, key: nil)
            #expect(anonymous.status == 401)
            #expect(anonymous.json?["code"] == "unauthenticated")
            #expect(harness.emulators[0].requestCount("POST /recraft/v1/images/generations") == 0)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
        }
    }

    @Test(arguments: [
        ("[recraft:moderation]", 400, "The prompt violates the content policy"),
        ("[recraft:no-credits]", 500, "no credits"),
        ("[fault:429]", 429, "rate limiting"),
    ])
    func upstreamRefusalsAreAnsweredInRecraftsShapeAndRefunded(marker: String, status: Int, message: String) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let answer = try await harness.recraftGenerate(#"{"prompt":"a cat \#(marker)"}"#, key: key)
            #expect(answer.status == status, "\(answer.body)")
            #expect(answer.json?["message"]?.stringValue?.contains(message) == true, "\(answer.body)")
            #expect(answer.json?["code"]?.stringValue?.isEmpty == false)
            #expect(harness.emulators[0].requestCount("POST /recraft/v1/images/generations") >= 1)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            #expect(token.remainingMicros == 1_000_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aKeyThatCannotPayIsRefusedBeforeTheUpstream() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "0.05")
            let answer = try await harness.recraftGenerate(#"{"prompt":"two foxes","n":2}"#, key: key)
            #expect(answer.status == 400, "\(answer.body)")
            #expect(answer.json?["code"] == "insufficient_quota")
            #expect(harness.emulators[0].requestCount("POST /recraft/v1/images/generations") == 0)
            #expect(try await harness.token(forKey: key).usedMicros == 0)
        }
    }

    /// A 5xx or no answer may still have made images upstream: as for every family, the price stays held (never
    /// charged) until an operator finds out, and a refund settles it.
    @Test func anUnknownOutcomeIsHeldNotChargedAndAnOperatorRefundsIt() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey(quota: "1.00")
            let answer = try await harness.recraftGenerate(#"{"prompt":"x [fault:500]"}"#, key: key)
            #expect(answer.status == 500, "\(answer.body)")
            #expect(answer.json?["message"]?.stringValue?.contains("stays held") == true, "\(answer.body)")
            let held = try await harness.token(forKey: key)
            #expect(held.usedMicros == 0 && held.heldMicros == 40_000)
            let pending = try await harness.call(.GET, harness.baseURL + "/api/reconcile", key: admin)
            let id = try #require(pending.json?["data"]?["items"]?[0]?["id"]?.stringValue, "\(pending.body)")
            let refunded = try await harness.call(.POST, harness.baseURL + "/api/reconcile/\(id)", key: admin, body: #"{"action":"refund"}"#)
            #expect(refunded.status == 200, "\(refunded.body)")
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }
}
