import Testing
@testable import Switchyard

/// The media store's small rules: which byte range a `Range` header asks for, which strings of a result are files
/// to copy, the extension a gateway URL keeps, and the base URL media links start with.
@Suite struct MediaPartsTests {
    @Test(arguments: [
        ("bytes=0-9", MediaByteRange.part(0...9)), ("bytes=90-", .part(90...99)), ("bytes=-10", .part(90...99)),
        ("bytes=-500", .part(0...99)), ("bytes=95-200", .part(95...99)), ("bytes=100-", .unsatisfiable), ("bytes=-0", .unsatisfiable),
        ("bytes=5-2", .whole), ("bytes=0-1,5-6", .whole), ("items=0-9", .whole), ("bytes=x-9", .whole),
    ])
    func rangesResolveAgainstAHundredBytes(header: String, expected: MediaByteRange) {
        #expect(MediaByteRange.resolve(header, length: 100) == expected)
    }

    @Test func noHeaderIsTheWholeFileAndAnEmptyFileHasNoRange() {
        #expect(MediaByteRange.resolve(nil, length: 100) == .whole)
        #expect(MediaByteRange.resolve("bytes=0-", length: 0) == .unsatisfiable)
    }

    @Test func onlyAbsoluteHTTPURLsAreFilesEachOnce() {
        let result: JSONValue = .object([
            "video": "https://cdn.example/a.mp4", "again": "https://cdn.example/a.mp4", "id": "abc", "relative": "/media/x.png",
            "other": "ftp://host/x", "nested": .array([.object(["image": "HTTP://cdn.example/b.png"])]), "text": "see https://x y",
        ])
        #expect(result.httpURLs() == ["https://cdn.example/a.mp4", "HTTP://cdn.example/b.png"])
    }

    @Test func gatewayURLsKeepAShortPlainExtension() {
        #expect(MediaCopier.fileExtension(of: "https://cdn.example/v/a.MP4?sig=x.y") == "mp4")
        #expect(MediaCopier.fileExtension(of: "https://cdn.example/v/a") == nil)
        #expect(MediaCopier.fileExtension(of: "https://cdn.example/v/a.toolongext") == nil)
        #expect(MediaCopier.host(of: "https://user:pw@cdn.example:8443/a.png?sig=secret") == "cdn.example")
    }

    @Test func theBaseURLIsTheConfiguredOneElseTheBoundPort() {
        let configured = PublicBaseURL(configured: "https://gw.example.com/", host: "0.0.0.0", port: 0)
        #expect(configured.value == "https://gw.example.com")
        let bound = PublicBaseURL(configured: nil, host: "0.0.0.0", port: 0)
        bound.bound(port: 8123)
        #expect(bound.value == "http://127.0.0.1:8123")
        #expect(PublicBaseURL(configured: nil, host: "::1", port: 80).value == "http://[::1]:80")
    }
}
