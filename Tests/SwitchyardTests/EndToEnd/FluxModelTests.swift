import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Flux end to end: each model's accepted body and field rules, the answer's polling URL, the price each model is
/// charged, and the image its sample URL serves.
@Suite struct FluxModelTests {
    /// A body each model accepts, using the fields that are its own.
    static let acceptedBodies: [(model: String, body: String)] = [
        ("flux-pro-1.1", #"{"prompt":"a lighthouse at dusk","width":1024,"height":768,"prompt_upsampling":true,"seed":7}"#),
        ("flux-pro-1.1-ultra", #"{"prompt":"a lighthouse","aspect_ratio":"21:9","raw":true,"image_prompt_strength":0.3}"#),
        ("flux-pro", #"{"prompt":"a lighthouse","steps":40,"guidance":2.5,"interval":2,"width":256,"height":1440}"#),
        ("flux-dev", #"{"prompt":"a lighthouse","steps":28,"guidance":3}"#),
        ("flux-kontext-pro", #"{"prompt":"make it night","input_image":"https://example.com/day.png","aspect_ratio":"7:3"}"#),
        ("flux-kontext-max", #"{"prompt":"a lighthouse","aspect_ratio":"3:7"}"#),
        ("flux-pro-1.0-fill", #"{"image":"aGVsbG8=","mask":"aGVsbG8=","prompt":"a red door","steps":30}"#),
        ("flux-pro-1.0-expand", #"{"image":"aGVsbG8=","top":256,"left":128}"#),
        ("flux-pro-1.0-canny", #"{"prompt":"a lighthouse","control_image":"aGVsbG8=","canny_low_threshold":40}"#),
        ("flux-pro-1.0-depth", #"{"prompt":"a lighthouse","preprocessed_image":"aGVsbG8=","guidance":15}"#),
        ("flux-2-pro", #"{"prompt":"a lighthouse","width":1920,"height":1088}"#),
        ("flux-2-max", #"{"prompt":"a lighthouse","input_image":"aGVsbG8=","input_image_2":"aGVsbG8="}"#),
        ("flux-2-flex", #"{"prompt":"a lighthouse","steps":30,"guidance":5,"output_format":"png"}"#),
    ]

    @Test func everyModelOfTheCatalogIsCovered() {
        #expect(Set(Self.acceptedBodies.map(\.model)) == Set(FluxModel.names))
    }

    @Test func eachModelDrawsAReadyImageAtItsOwnPrice() async throws {
        try await TestHarness.run { harness in
            for (model, body) in Self.acceptedBodies {
                let key = try await harness.customerKey()
                let answer = try await harness.fluxCreate(model, body, key: key)
                #expect(answer.status == 200, "\(model): \(answer.body)")
                let id = try #require(answer.json?["id"]?.stringValue, "\(model): \(answer.body)")
                // The polling URL is the gateway's own, for Switchyard's id.
                #expect(answer.json?["polling_url"]?.stringValue == harness.baseURL + "/flux/v1/get_result?id=\(id)")
                let result = try await harness.waitForFluxResult(id, key: key)
                #expect(result["status"] == "Ready", "\(model): \(result.encoded())")
                #expect(result["id"]?.stringValue == id)
                let sample = try #require(result["result"]?["sample"]?.stringValue, "\(model): \(result.encoded())")
                let image = try await harness.download(sample)
                #expect(image.status == 200)
                let png = body.contains(#""output_format":"png""#)
                #expect(Array(image.bytes.prefix(png ? 8 : 3)) == (png ? ImageMagic.png : ImageMagic.jpeg), "\(model)")
                #expect(image.contentType == (png ? "image/png" : "image/jpeg"))
                let price = try #require(FluxPrices.usd.first { $0.model == model }.flatMap { Money.parseDollars($0.usd) })
                let token = try await harness.token(forKey: key)
                #expect(token.usedMicros == price, "\(model)")
                #expect(token.heldMicros == 0)
            }
            try await harness.expectLedgerBalanced()
        }
    }

    /// A body each model refuses, and the field BFL's 422 names.
    static let refusedBodies: [(model: String, body: String, field: String)] = [
        ("flux-pro-1.1", #"{"prompt":"x","width":1000}"#, "width"),
        ("flux-pro-1.1", #"{"prompt":"x","height":1472}"#, "height"),
        ("flux-pro-1.1", #"{"width":1024}"#, "prompt"),
        ("flux-pro-1.1-ultra", #"{"prompt":"x","aspect_ratio":"3:1"}"#, "aspect_ratio"),
        ("flux-pro-1.1-ultra", #"{"prompt":"x","image_prompt_strength":2}"#, "image_prompt_strength"),
        ("flux-pro", #"{"prompt":"x","steps":60}"#, "steps"),
        ("flux-dev", #"{"prompt":"x","safety_tolerance":7}"#, "safety_tolerance"),
        ("flux-kontext-pro", #"{"input_image":"aGVsbG8="}"#, "prompt"),
        ("flux-kontext-max", #"{"prompt":"x","aspect_ratio":"16:5"}"#, "aspect_ratio"),
        ("flux-pro-1.0-fill", #"{"prompt":"x"}"#, "image"),
        ("flux-pro-1.0-expand", #"{"image":"aGVsbG8=","top":4096}"#, "top"),
        ("flux-pro-1.0-canny", #"{"prompt":"x"}"#, "control_image"),
        ("flux-pro-1.0-canny", #"{"control_image":"aGVsbG8="}"#, "prompt"),
        ("flux-pro-1.0-depth", #"{"prompt":"x","control_image":"aGVsbG8=","guidance":0.5}"#, "guidance"),
        ("flux-2-pro", #"{"prompt":"x","width":1000}"#, "width"),
        ("flux-2-max", #"{"prompt":"x","safety_tolerance":6}"#, "safety_tolerance"),
        ("flux-2-flex", #"{"prompt":"x","guidance":11}"#, "guidance"),
        ("flux-2-flex", #"{"prompt":"x","output_format":"webp"}"#, "output_format"),
    ]

    @Test func eachModelRefusesWhatItDoesNotTakeWithBFLs422AndChargesNothing() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for (model, body, field) in Self.refusedBodies {
                let answer = try await harness.fluxCreate(model, body, key: key)
                #expect(answer.status == 422, "\(model) \(body): \(answer.body)")
                let problem = answer.json?["detail"]?[0]
                #expect(problem?["loc"] == .array(["body", .string(field)]), "\(model) \(body): \(answer.body)")
                #expect(problem?["msg"]?.stringValue?.isEmpty == false)
                #expect(problem?["type"]?.stringValue?.isEmpty == false)
            }
            let unknown = try await harness.fluxCreate("flux-9", #"{"prompt":"x"}"#, key: key)
            #expect(unknown.status == 404)
            #expect(unknown.json?["detail"]?.stringValue?.contains("flux-9") == true, "\(unknown.body)")
            let noID = try await harness.call(.GET, harness.baseURL + "/flux/v1/get_result", key: key)
            #expect(noID.status == 422)
            #expect(noID.json?["detail"]?[0]?["loc"] == .array(["query", "id"]), "\(noID.body)")
            #expect(try await harness.ledgerKinds().isEmpty)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
        }
    }
}
