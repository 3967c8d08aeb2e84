import AsyncHTTPClient
import NIOCore

extension TestHarness {
    /// Downloads `url` without a key, as an `<img>` tag or a player does (media and sample URLs carry their own
    /// capability), and returns its status, content type and bytes.
    func download(_ url: String) async throws -> (status: Int, contentType: String?, bytes: [UInt8]) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), response.headers.first(name: "content-type"), Array(bytes.readableBytesView))
    }
}
