import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Reads an image a task family made, for OpenAI's `b64_json` answers. A copy in the media store (the result's URL
/// is the gateway's own `/media/` URL) is read from the store directly; any other URL (a copy that failed left the
/// upstream link) is fetched through the SSRF guard (the URL's host and every address it resolves to are checked,
/// and the checked address is the one connected to), without redirects, bounded in size and time.
struct OpenAIImageBytes: Sendable {
    let policy: CallbackTargetPolicy
    let timeoutMillis: Int64
    /// The media store the engine copies results into; nil when copying is off.
    let media: MediaStore?

    init(policy: CallbackTargetPolicy, timeoutMillis: Int64, media: MediaStore? = nil) {
        self.policy = policy
        self.timeoutMillis = timeoutMillis
        self.media = media
    }

    /// The largest image read (OpenAI's own images are a few megabytes).
    static let maximumBytes = 50 << 20

    /// The bytes at `url`; a 502 OpenAI error when they cannot be read. A URL on the host of `channelBaseURL` (the
    /// upstream the operator configured, which may be on a private network) is read even from a private address.
    func read(_ url: String, channelBaseURL: String?, logger: Logger) async throws -> [UInt8] {
        do {
            if let stored = try await media?.bytes(ofURL: url, maximumBytes: Self.maximumBytes) { return stored }
        } catch {
            logger.error("a media copy could not be read", metadata: ["error": "\(error)"])
            throw GatewayError(.upstreamUnavailable, .badGateway, "The generated image could not be read from the media store")
        }
        let unreadable = GatewayError(.upstreamUnavailable, .badGateway, "The generated image could not be read from its upstream URL")
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let channelHost = channelBaseURL.flatMap { URL(string: $0)?.host?.lowercased() }
        let guardPolicy =
            channelHost != nil && URL(string: url)?.host?.lowercased() == channelHost ? CallbackTargetPolicy(allowPrivateTargets: true) : policy
        do {
            if let pinned = try await guardPolicy.checkResolved(url) { configuration = CallbackSender.pinnedConfiguration(pinned) }
        } catch {
            throw unreadable
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let result: Result<[UInt8], GatewayError>
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            let response = try await client.execute(request, timeout: .milliseconds(timeoutMillis), logger: logger)
            let body = try await response.body.collect(upTo: Self.maximumBytes)
            result = response.status == .ok ? .success(Array(body.readableBytesView)) : .failure(unreadable)
        } catch {
            result = .failure(unreadable)
        }
        try? await client.shutdown()
        return try result.get()
    }
}
