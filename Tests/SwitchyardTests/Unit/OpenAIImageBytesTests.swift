import Logging
import Testing

@testable import Switchyard

/// The bridge's image reader goes through the SSRF guard: a private address is refused unless it is the host of the
/// channel that made the image.
@Suite struct OpenAIImageBytesTests {
    let reader = OpenAIImageBytes(policy: CallbackTargetPolicy(allowPrivateTargets: false), timeoutMillis: 1_000)

    @Test func aPrivateAddressOfAnotherHostIsRefusedWithoutBeingCalled() async throws {
        // A listener that records whether it was reached.
        let listener = try await ProbeListener.start()
        await #expect(throws: GatewayError.self) {
            _ = try await reader.read(
                "http://127.0.0.1:\(listener.port)/sample.jpeg", channelBaseURL: "https://api.bfl.ai", logger: Logger(label: "test"))
        }
        #expect(listener.hits.isEmpty)
        await listener.stop()
    }

    @Test func theChannelsOwnPrivateHostIsRead() async throws {
        let listener = try await ProbeListener.start()
        let url = "http://127.0.0.1:\(listener.port)/sample.jpeg"
        _ = try await reader.read(url, channelBaseURL: "http://127.0.0.1:\(listener.port)/bfl", logger: Logger(label: "test"))
        #expect(listener.hits.map(\.uri) == ["/sample.jpeg"])
        await listener.stop()
    }
}
