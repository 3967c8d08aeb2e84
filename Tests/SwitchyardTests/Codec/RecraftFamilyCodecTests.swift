import Foundation
import NIOCore
import Testing

@testable import Switchyard

/// Recraft's codec: the stored form sent again upstream with the resolved style id, the upstream's answers read
/// into a finished task or a refusal, and the finished task shown in Recraft's shapes.
@Suite struct RecraftFamilyCodecTests {
    let family = RecraftFamily()

    func task(action: String, upstreamRequest: JSONValue = .object([:]), result: JSONValue? = nil, state: TaskState = .succeeded) -> TaskRecord {
        TaskRecord(
            id: "task-1", family: "recraft", action: action, model: "recraftv3", tokenID: "k", channelID: 1, upstreamID: nil, state: state,
            upstreamStatus: nil, request: .object(["style": "vector_illustration"]), upstreamRequest: upstreamRequest, result: result, view: nil,
            failureReason: nil, priceMicros: 0, callbackURL: nil, createdAt: 1_700_000_000_123, updatedAt: 0, finishedAt: nil, pollAttempts: 0)
    }

    func answer(_ status: Int, _ body: String) -> UpstreamResponse {
        UpstreamResponse(status: status, headers: [:], body: ByteBuffer(string: body))
    }

    @Test func aStoredFormIsSentAgainWithTheUpstreamsStyleID() throws {
        let form = FormUpload(parts: [
            .init(name: "image", filename: "a.png", contentType: "image/png", bytes: [0x89, 0x50, 0x00, 0xFF]),
            .init(name: "prompt", bytes: Array("x".utf8)),
        ])
        let stored = StoredUpstreamCall.make(.POST, "/images/imageToImage", body: ["form": form.stored, "style_id": "upstream-style-7"])
        let request = try family.submitRequest(for: task(action: "imageToImage", upstreamRequest: stored))
        #expect(request.path == "/images/imageToImage")
        let contentType = try #require(request.headers.first(name: "Content-Type"))
        let sent = try FormUpload.parse(Array(try #require(request.body).readableBytesView), contentType: contentType)
        #expect(sent.parts.map(\.name) == ["image", "prompt", "style_id"])
        #expect(sent.parts[0].bytes == [0x89, 0x50, 0x00, 0xFF])
        #expect(sent.parts[0].filename == "a.png")
        #expect(try sent.text("style_id") == "upstream-style-7")
    }

    @Test func aJSONCallIsSentAsStored() throws {
        let stored = StoredUpstreamCall.make(.POST, "/images/generations", body: ["prompt": "x", "style_id": "upstream-style-7"])
        let request = try family.submitRequest(for: task(action: "generations", upstreamRequest: stored))
        #expect(request.headers.first(name: "Content-Type") == "application/json")
        #expect(JSONValue.parse(try #require(request.body).readableBytesView)?["style_id"] == "upstream-style-7")
    }

    @Test func anAnswerIsAFinishedTaskAndAnythingElseARefusal() {
        let images = family.parseSubmit(
            answer(200, #"{"created":1,"data":[{"url":"https://x/1.webp","image_id":"img-1"}]}"#), for: task(action: "generations"))
        guard case .accepted(let upstreamID, let observation) = images else {
            Issue.record("not accepted: \(images)")
            return
        }
        #expect(upstreamID == "img-1")
        #expect(observation.state == .succeeded)

        for (status, body) in [(200, #"{"created":1,"data":[]}"#), (200, #"{"image":{}}"#), (200, "not json")] {
            guard case .rejected(let error) = family.parseSubmit(answer(status, body), for: task(action: "generations")) else {
                Issue.record("accepted \(body)")
                continue
            }
            #expect(error.code == .upstreamMalformed)
        }
        guard case .rejected(let refused) = family.parseSubmit(answer(400, #"{"code":"x","message":"Bad prompt"}"#), for: task(action: "vectorize")),
            case .rejected(let broke) = family.parseSubmit(
                answer(402, #"{"code":"not_enough_credits","message":"No units"}"#), for: task(action: "styles"))
        else {
            Issue.record("a refusal was accepted")
            return
        }
        #expect(refused.message == "Bad prompt" && refused.status == .badRequest)
        #expect(broke.status == .serviceUnavailable)
        #expect(!broke.message.contains("units"))
        guard
            case .rejected(let lost) = family.parseSubmit(
                answer(404, #"{"code":"not_found","message":"Style up-9 not found"}"#), for: task(action: "generations"))
        else {
            Issue.record("a 404 was accepted")
            return
        }
        #expect(lost.status == .notFound && !lost.message.contains("up-9"))
    }

    @Test func aFinishedTaskRendersInRecraftsShapes() {
        let images = task(action: "generations", result: .object(["created": .int(5), "data": .array([.object(["url": "u", "image_id": "i"])])]))
        let rendered = JSONValue.parse(family.render(images).utf8)
        #expect(rendered?["created"]?.intValue == 1_700_000_000)
        #expect(rendered?["data"]?[0]?["url"] == "u" && rendered?["data"]?[0]?["image_id"] == "i")
        let tool = task(action: "vectorize", result: .object(["image": .object(["url": "u.svg"])]))
        #expect(JSONValue.parse(family.render(tool).utf8) == .object(["image": .object(["url": "u.svg"])]))
        let style = task(action: "styles", result: .object(["id": "public-style"]))
        #expect(JSONValue.parse(family.render(style).utf8) == .object(["id": "public-style"]))
        #expect(family.artifacts(in: .object(["id": "upstream-style"]), of: style).map(\.upstreamID) == ["upstream-style"])
        #expect(family.artifacts(in: .object(["id": "upstream-style"]), of: style).first?.payload?["style"] == "vector_illustration")
        #expect(family.artifacts(in: .object(["id": "x"]), of: tool).isEmpty)
    }
}
