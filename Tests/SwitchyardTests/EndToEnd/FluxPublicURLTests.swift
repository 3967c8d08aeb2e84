import Foundation
import Testing

@testable import Switchyard

/// Flux behind a configured public URL: the polling URL a create answers starts with it (not with the Host the
/// request came by), and the media store copies the sample only.
@Suite struct FluxPublicURLTests {
    @Test func thePollingURLStartsWithTheConfiguredPublicURLAndOnlyTheSampleIsCopied() async throws {
        try await TestHarness.run(configure: { $0.publicURL = "https://gateway.example/" }) { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.fluxCreate("flux-2-pro", #"{"prompt":"a red fox"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let id = try #require(answer.json?["id"]?.stringValue, "\(answer.body)")
            #expect(answer.json?["polling_url"]?.stringValue == "https://gateway.example/flux/v1/get_result?id=\(id)")
            let result = try await harness.waitForFluxResult(id, key: key)
            #expect(result["status"] == "Ready", "\(result.encoded())")
            let sample = try #require(result["result"]?["sample"]?.stringValue, "\(result.encoded())")
            #expect(sample.hasPrefix("https://gateway.example/media/"), "\(sample)")
            let copies = try await harness.database.read.raw("SELECT COUNT(*) AS n FROM media").first()
            #expect(try copies?.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test func withoutAPublicURLThePollingURLUsesTheRequestsHost() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.fluxCreate("flux-2-pro", #"{"prompt":"a red fox"}"#, key: key)
            let id = try #require(answer.json?["id"]?.stringValue, "\(answer.body)")
            #expect(answer.json?["polling_url"]?.stringValue == harness.baseURL + "/flux/v1/get_result?id=\(id)")
        }
    }
}
