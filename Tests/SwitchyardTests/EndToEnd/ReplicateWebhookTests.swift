import Crypto
import Foundation
import Testing

@testable import Switchyard

/// Replicate's webhooks: the events a prediction's filter names, each signed as Replicate signs them with the
/// caller's own secret.
@Suite struct ReplicateWebhookTests {
    @Test func theFilteredEventsArriveSignedWithTheCallersSecret() async throws {
        let receiver = try await WebhookReceiver.start()
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let other = try await harness.customerKey()
            let secret = try #require(try await harness.replicate(.GET, "/webhooks/default/secret", key: key).json?["key"]?.stringValue)
            let otherSecret = try #require(try await harness.replicate(.GET, "/webhooks/default/secret", key: other).json?["key"]?.stringValue)
            #expect(secret.hasPrefix("whsec_") && secret != otherSecret)

            let created = try await harness.replicate(
                .POST, "/models/black-forest-labs/flux-schnell/predictions", key: key,
                body: #"{"input":{"prompt":"ring"},"webhook":"\#(receiver.url)","webhook_events_filter":["start","completed"]}"#)
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await harness.waitForPrediction(id, key: key)["status"] == "succeeded")
            try await waitUntil { receiver.statuses == ["starting", "succeeded"] }
            try await expectSteady { receiver.statuses == ["starting", "succeeded"] }

            for delivery in receiver.deliveries {
                let webhookID = try #require(delivery.headers[.init("webhook-id")!])
                let timestamp = try #require(delivery.headers[.init("webhook-timestamp")!])
                let signature = try #require(delivery.headers[.init("webhook-signature")!])
                #expect(Self.verify(id: webhookID, timestamp: timestamp, body: delivery.body, signature: signature, secret: secret))
                #expect(!Self.verify(id: webhookID, timestamp: timestamp, body: delivery.body, signature: signature, secret: otherSecret))
                #expect(JSONValue.parse(delivery.body.utf8)?["id"]?.stringValue == id)
            }
        }
        await receiver.stop()
    }

    @Test func withoutAFilterEveryEventArrives() async throws {
        let receiver = try await WebhookReceiver.start()
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.replicate(
                .POST, "/models/black-forest-labs/flux-schnell/predictions", key: key,
                body: #"{"input":{"prompt":"ring"},"webhook":"\#(receiver.url)"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await harness.waitForPrediction(id, key: key)["status"] == "succeeded")
            try await waitUntil { receiver.statuses == ["starting", "processing", "succeeded"] }
        }
        await receiver.stop()
    }

    /// Replicate's verification: base64 HMAC-SHA256 of "id.timestamp.body" keyed by the secret's base64 part.
    static func verify(id: String, timestamp: String, body: String, signature: String, secret: String) -> Bool {
        guard let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count))) else { return false }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: SymmetricKey(data: key))
        let expected = Data(mac).base64EncodedString()
        return signature.split(separator: " ").contains { $0.split(separator: ",").last.map(String.init) == expected }
    }
}
