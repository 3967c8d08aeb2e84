import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Switchyard
@testable import SwitchyardEmulator

/// The emulator's soak faults: bodies that are garbage or trickle in, and faults drawn on a share of calls from a
/// seeded mix; and the gateway's gauge of reserved money, which a soak reads to find a bill left open.
@Suite struct EmulatorSoakFaultTests {
    static let chat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello there"}]}"#
    static let streamedChat = #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hello there"}]}"#

    /// One call straight to an emulator: status, content type, the body's chunks as they arrived, and when the
    /// head and the end of the body arrived.
    struct Reading {
        var status: Int
        var contentType: String
        var chunks: [ByteBuffer]
        var headToEnd: Duration
        var body: String { chunks.map { String(buffer: $0) }.joined() }
        var isJSON: Bool { (try? JSONSerialization.jsonObject(with: Data(chunks.flatMap { $0.readableBytesView }))) != nil }
    }

    static func read(_ url: String, body: String?, headers: [(String, String)] = []) async throws -> Reading {
        var request = HTTPClientRequest(url: url)
        request.method = body == nil ? .GET : .POST
        request.headers.add(name: "Authorization", value: "Bearer upstream-key")
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let head = ContinuousClock.now
        var chunks: [ByteBuffer] = []
        for try await chunk in response.body { chunks.append(chunk) }
        return Reading(
            status: Int(response.status.code), contentType: response.headers.first(name: "content-type") ?? "", chunks: chunks,
            headToEnd: ContinuousClock.now - head)
    }

    static func withEmulator(_ configuration: EmulatorConfiguration = .init(), _ body: (EmulatorServer) async throws -> Void) async throws {
        let emulator = try await EmulatorServer.start(configuration, logger: TestHarness.logger)
        do { try await body(emulator) } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    /// The value of an unlabelled gauge in a Prometheus exposition text, nil when it is not there.
    static func gauge(_ name: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.dropFirst(name.count + 1)) }
    }

    @Test func garbageIsASuccessWhoseBodyNoReaderCanParse() async throws {
        try await Self.withEmulator { emulator in
            let garbage = [("X-Emulator-Fault", "garbage")]
            let chat = try await Self.read(emulator.openAIBaseURL + "/chat/completions", body: Self.chat, headers: garbage)
            #expect(chat.status == 200)
            #expect(chat.contentType.hasPrefix("text/html"))
            #expect(!chat.isJSON)
            let luma = try await Self.read(emulator.lumaBaseURL + "/generations/video", body: #"{"prompt":"a fox"}"#, headers: garbage)
            #expect(luma.status == 201)
            #expect(!luma.isJSON)
            let suno = try await Self.read(
                emulator.sunoBaseURL + "/suno/submit/music", body: #"{"prompt":"a song","mv":"chirp-v4"}"#, headers: garbage)
            #expect(suno.status == 200)
            #expect(!suno.isJSON)
            // The same calls without the fault are readable, so the garbage is the fault's doing.
            #expect(try await Self.read(emulator.openAIBaseURL + "/chat/completions", body: Self.chat).isJSON)
        }
    }

    @Test func garbageTurnsAStreamIntoGarbageAfterItsFirstEvents() async throws {
        try await Self.withEmulator { emulator in
            let stream = try await Self.read(
                emulator.openAIBaseURL + "/chat/completions", body: Self.streamedChat, headers: [("X-Emulator-Fault", "garbage")])
            #expect(stream.status == 200)
            #expect(stream.contentType.hasPrefix("text/event-stream"))
            #expect(stream.body.hasPrefix("data: {"))
            #expect(stream.body.contains("502 Bad Gateway"))
            #expect(!stream.body.contains("[DONE]"))
        }
    }

    @Test func slowBodySendsTheHeadAtOnceAndTricklesTheBody() async throws {
        try await Self.withEmulator { emulator in
            let answer = try await Self.read(
                emulator.openAIBaseURL + "/chat/completions", body: Self.chat, headers: [("X-Emulator-Fault", "slow-body")])
            #expect(answer.status == 200)
            #expect(answer.isJSON)
            let bytes = answer.chunks.reduce(0) { $0 + $1.readableBytes }
            let slices = (bytes + EmulatorBodyFault.sliceBytes - 1) / EmulatorBodyFault.sliceBytes
            #expect(slices > 2)
            // Every slice after the first waited its pause after the head had gone out (one pause of slack: the
            // client notes the head's arrival a little after it came).
            #expect(answer.headToEnd >= .milliseconds(Int(Double(slices - 2) * EmulatorBodyFault.slicePauseSeconds * 1000)))
            #expect(answer.chunks.count > 1)
        }
    }

    @Test func slowBodyTricklesAStreamToTheSameEvents() async throws {
        try await Self.withEmulator { emulator in
            let url = emulator.openAIBaseURL + "/chat/completions"
            let normal = try await Self.read(url, body: Self.streamedChat)
            let slow = try await Self.read(url, body: Self.streamedChat, headers: [("X-Emulator-Fault", "slow-body")])
            #expect(slow.status == 200)
            #expect(slow.body.hasSuffix("data: [DONE]\n\n"))
            // The same events, apart from their ids and timestamps, arrived in more pieces than they were written in.
            #expect(ChatRelayTests.dataLines(slow.body).count == ChatRelayTests.dataLines(normal.body).count)
            #expect(slow.chunks.count > ChatRelayTests.dataLines(normal.body).count)
        }
    }

    @Test func aFaultMixHitsItsShareOfCallsInTheSameOrderForTheSameSeed() async throws {
        let mix = EmulatorFaultMix(rate: 0.5, faults: [.rateLimited], seed: 7)
        var runs: [[Int]] = []
        for _ in 0..<2 {
            try await Self.withEmulator(EmulatorConfiguration(faultMix: mix)) { emulator in
                var statuses: [Int] = []
                for _ in 0..<40 {
                    statuses.append(try await Self.read(emulator.openAIBaseURL + "/chat/completions", body: Self.chat).status)
                }
                // Reads take no drawn fault.
                #expect(try await Self.read(emulator.openAIBaseURL + "/models", body: nil).status == 200)
                runs.append(statuses)
            }
        }
        #expect(runs[0] == runs[1])
        #expect(Set(runs[0]) == [200, 429])
        let faulted = runs[0].filter { $0 == 429 }.count
        #expect((8...32).contains(faulted))
    }

    @Test func aFaultMixReachesTaskCreatesAndSubmits() async throws {
        try await Self.withEmulator(EmulatorConfiguration(faultMix: EmulatorFaultMix(rate: 1, faults: [.serverError]))) { emulator in
            #expect(try await Self.read(emulator.lumaBaseURL + "/generations/video", body: #"{"prompt":"a fox"}"#).status == 500)
            let suno = try await Self.read(emulator.sunoBaseURL + "/suno/submit/music", body: #"{"prompt":"a song","mv":"chirp-v4"}"#)
            #expect(suno.status == 500)
        }
    }

    @Test func unknownFaultNamesAreRefused() throws {
        #expect(throws: EmulatorFaultMix.UnknownFault.self) { try EmulatorFaultMix.faults(parsing: "500,gremlins") }
        #expect(try EmulatorFaultMix.faults(parsing: " 500, garbage ,slow-body") == [.serverError, .garbage, .slowBody])
        #expect(EmulatorFaultMix(rate: 7).rate == 1)
    }

    /// Garbage from the only channel, read by the gateway (an Anthropic client on an OpenAI model, so the answer is
    /// translated): the customer gets a server error and pays nothing, and once the calls are over the gauges of
    /// reserved and unwritten money read zero, streams included.
    @Test func garbageThroughTheGatewayIsNotChargedAndLeavesNothingReserved() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, forcedFault: .garbage)]) { harness in
            let key = try await harness.customerKey()
            let translated = #"{"model":"gpt-4o-mini","max_tokens":100,"messages":[{"role":"user","content":"Hello there"}]}"#
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/messages", key: nil, body: translated, headers: ChatRelayTests.anthropic(key))
            #expect(answer.status == 502)
            #expect(answer.json?["type"] == "error")
            _ = try await harness.stream("/v1/chat/completions", headers: ChatRelayTests.openAI(key), body: Self.streamedChat)
            let token = try await harness.token(forKey: key)
            let rows = try await harness.usageRows(tokenID: token.id, count: 2)
            #expect(rows.first { $0.status == 502 }?.costMicros == 0)
            let metrics = harness.baseURL + "/metrics"
            try await waitUntil {
                let text = try await harness.call(.GET, metrics, key: nil).body
                return Self.gauge("switchyard_reserved_micros", in: text) == 0
                    && Self.gauge("switchyard_unwritten_charges_micros", in: text) == 0
            }
        }
    }
}
