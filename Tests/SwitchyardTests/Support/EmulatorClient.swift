import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Switchyard
import SwitchyardEmulator

/// Calls straight to one emulator (no gateway), for tests of an emulated upstream's own shapes.
struct EmulatorClient: Sendable {
    /// The emulator's root URL, e.g. "http://127.0.0.1:PORT".
    let rootURL: String

    /// One answer: status, headers, raw body and the body as JSON when it is JSON.
    struct Answer: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let bytes: [UInt8]
        var body: String { String(decoding: bytes, as: UTF8.self) }
        var json: JSONValue? { JSONValue.parse(bytes) }
    }

    /// Sends `method path` with `key` as Bearer (none when nil), a JSON `body` and extra `headers`.
    func call(
        _ method: HTTPMethod, _ path: String, key: String? = "upstream-key", body: String? = nil, headers: [(String, String)] = []
    ) async throws -> Answer {
        let request = HTTPClientRequest.test(method, path.hasPrefix("http") ? path : rootURL + path, key: key, body: body, headers: headers)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, bytes: Array(buffer.readableBytesView))
    }

    /// Runs `body` with an emulator started from `configuration`, and always stops it.
    static func withEmulator(
        _ configuration: EmulatorConfiguration,
        _ body: (EmulatorServer, EmulatorClient) async throws -> Void
    ) async throws {
        let emulator = try await EmulatorServer.start(configuration, logger: TestHarness.logger)
        do {
            try await body(emulator, EmulatorClient(rootURL: emulator.udioBaseURL))
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }
}
