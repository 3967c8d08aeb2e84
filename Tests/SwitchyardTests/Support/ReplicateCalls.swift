import AsyncHTTPClient
import NIOHTTP1
import Foundation
import Hummingbird
import NIOCore
import Synchronization
import Testing

@testable import Switchyard

/// Replicate calls for end-to-end tests: the API root, calls with Replicate's headers, waiting for a prediction.
extension TestHarness {
    /// What the harness's Replicate channel serves: owner patterns, one model, a deployment owner and one bare
    /// version id (SDXL's, which a caller may send without its model).
    static let replicateModels = [
        "black-forest-labs/*", "stability-ai/sdxl", "bytedance/*", "minimax/*", "deployments/acme/*", ReplicateTestModels.sdxlVersion,
    ]

    var replicateURL: String { baseURL + "/replicate/v1" }

    /// One call under `/replicate/v1`.
    func replicate(_ method: HTTPMethod, _ path: String, key: String?, body: String? = nil, headers: [(String, String)] = []) async throws
        -> Answer
    {
        try await call(method, replicateURL + path, key: key, body: body, headers: headers)
    }

    /// Reads a prediction until it is succeeded, failed or canceled (or the time runs out) and returns it.
    func waitForPrediction(_ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        var prediction = JSONValue.null
        try await waitUntil(seconds: seconds) {
            prediction = try await replicate(.GET, "/predictions/\(id)", key: key).json ?? .null
            return ["succeeded", "failed", "canceled"].contains(prediction["status"]?.stringValue ?? "")
        }
        return prediction
    }
}

/// Models and versions of the emulated Replicate account.
enum ReplicateTestModels {
    static let sdxlVersion = "7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
    static let fluxVersion = "c846a69991daf4c0e5d016514849d14ee5b2e6846ce6b9d6f21369e564cfe51e"
}

/// A customer's webhook endpoint that keeps every POST with its headers, to check Replicate's signatures.
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        let body: String
        let headers: HTTPFields
    }

    private let received = Mutex<[Delivery]>([])
    private let server = Mutex<LocalHTTPServer?>(nil)

    static func start() async throws -> WebhookReceiver {
        let receiver = WebhookReceiver()
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            receiver.received.withLock { $0.append(Delivery(body: String(buffer: body), headers: request.headers)) }
            return Response(status: .ok)
        }
        let server = await LocalHTTPServer.start(responder: router.buildResponder())
        receiver.server.withLock { $0 = server }
        return receiver
    }

    var url: String { "http://127.0.0.1:\(server.withLock { $0?.port ?? 0 })/hook" }
    var deliveries: [Delivery] { received.withLock { $0 } }

    /// The statuses of the predictions delivered, in order.
    var statuses: [String] { deliveries.compactMap { JSONValue.parse($0.body.utf8)?["status"]?.stringValue } }

    func stop() async {
        await server.withLock { $0 }?.stop()
    }
}
