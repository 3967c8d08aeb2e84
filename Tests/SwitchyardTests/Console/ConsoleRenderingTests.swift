import Testing
@testable import Switchyard

/// The console's pure parts: UTC dates by arithmetic, form bodies, charts whose text is escaped, and the result
/// files a task's object links to.
@Suite struct ConsoleRenderingTests {
    @Test func datesAreUTC() {
        #expect(ConsoleTime.time(0) == "1970-01-01 00:00:00")
        #expect(ConsoleTime.time(1_709_168_523_000) == "2024-02-29 01:02:03")
        #expect(ConsoleTime.time(1_795_728_189_000) == "2026-11-26 21:23:09")
        #expect(ConsoleTime.time(-1_000) == "1969-12-31 23:59:59")
        #expect(ConsoleTime.shortDay(1_795_728_189_000) == "Nov 26")
        #expect(ConsoleTime.date(1_709_168_523_000) == "2024-02-29")
        #expect(ConsoleTime.monthStart(1_795_698_000_000) == 1_793_491_200_000)
    }

    @Test func formBodiesDecodeAsBrowsersEncodeThem() {
        let values = ConsoleFormInput.parse("name=Acme+Ltd&note=a%26b%3Dc&empty=&name=second&flag")
        #expect(values["name"] == "Acme Ltd")
        #expect(values["note"] == "a&b=c")
        #expect(values["empty"] == "")
        #expect(values["flag"] == "")
    }

    @Test func chartTextIsEscaped() {
        let svg = ConsoleChart.bars(
            title: "<script>alert(1)</script>", points: [.init(label: "\"><b>", value: 2), .init(label: "x", value: 0)],
            format: { String($0) })
        #expect(!svg.contains("<script>"))
        #expect(!svg.contains("\"><b>"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(svg.hasPrefix("<svg class=\"chart\""))
    }

    @Test func resultsLeaveOutTheInputsATaskEchoes() {
        let view = JSONValue.parse(
            #"""
            {"assets": {"video": "http://gw/media/a.mp4", "image": "http://gw/media/b.jpg", "progress_video": "http://gw/media/p.mp4"},
             "request": {"keyframes": {"frame0": {"url": "https://cdn.example/in.jpg"}}}, "callback_url": "https://me.example/hook",
             "clips": [{"audio_url": "http://gw/media/c.mp3"}]}
            """#.utf8)!
        let found = ConsoleMedia.results(in: view).map { "\($0.kind.rawValue) \($0.url)" }
        #expect(found.sorted() == ["audio http://gw/media/c.mp3", "image http://gw/media/b.jpg", "video http://gw/media/a.mp4"])
    }
}
