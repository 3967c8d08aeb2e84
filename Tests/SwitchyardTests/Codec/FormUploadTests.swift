import NIOCore
import Testing
@testable import Switchyard

@Suite struct FormUploadTests {
    static let form = """
        --b\r
        Content-Disposition: form-data; name="prompt"\r
        \r
        a red fox\r
        --b\r
        Content-Disposition: form-data; name="file"; filename="fox.png"\r
        Content-Type: image/png\r
        \r
        \u{89}PNG bytes\r
        --b--\r

        """

    @Test func readsFieldsAndFilesWithTheirNamesAndTypes() throws {
        let form = try FormUpload.parse(Array(Self.form.utf8), contentType: "multipart/form-data; boundary=b")
        #expect(try form.text("prompt") == "a red fox")
        let file = try form.requiredFile("file")
        #expect(file.filename == "fox.png")
        #expect(file.contentType == "image/png")
        #expect(file.text == "\u{89}PNG bytes")
        #expect(try form.text("missing") == nil)
    }

    @Test func aStoredFormIsSentUpstreamAsItCame() throws {
        let form = try FormUpload.parse(Array(Self.form.utf8), contentType: "multipart/form-data; boundary=b")
        let restored = try #require(FormUpload(stored: JSONValue.parse(form.stored.encoded().utf8)))
        #expect(restored == form)
        let request = UpstreamRequest.multipart(.POST, "/v1/tools", form: restored)
        let contentType = try #require(request.headers.first(name: "Content-Type"))
        let body = try #require(request.body)
        #expect(try FormUpload.parse(Array(body.readableBytesView), contentType: contentType) == form)
    }

    @Test func refusesRepeatedFieldsMissingFilesAndBadBoundaries() throws {
        let part = "Content-Disposition: form-data; name=\"prompt\"\r\n\r\n"
        let twice = "--b\r\n\(part)x\r\n--b\r\n\(part)y\r\n--b--\r\n"
        let form = try FormUpload.parse(Array(twice.utf8), contentType: "multipart/form-data; boundary=b")
        #expect(throws: GatewayError.self) { try form.text("prompt") }
        #expect(throws: GatewayError.self) { try form.requiredFile("file") }
        #expect(throws: GatewayError.self) { try FormUpload.parse(Array(twice.utf8), contentType: "multipart/form-data") }
        #expect(throws: GatewayError.self) { try FormUpload.parse(Array(twice.utf8), contentType: "application/json") }
        #expect(throws: GatewayError.self) { try FormUpload.parse(Array("garbage".utf8), contentType: "multipart/form-data; boundary=b") }
    }
}
