import Foundation

extension EmbeddedMedia {
    /// A 64x64 lossy WebP (VP8): a red disc on sand above green ground, made once with Pillow (346 bytes).
    static let imageWebP: Data = decodeImage(
        """
        UklGRlIBAABXRUJQVlA4IEYBAADwCACdASpAAEAAPp1ElEmlpCIhO/ScALATiWYAyqxtxk9Ft/c3JdsBz/4tT/6qk9W85bW2MJepEpRvO1ku
        V5GmTUIyqqVtzPgpDZo72hGAIgD+8PGr/8K13s+wMm36k8EXOsaknYdhFZ6Tp1gyI8qXkM0QO7m9FQw8WJEP4F3MpGlgH9MKFvLUE35/xm/+
        Q0AzHH/Gb/5DVdlXSjqtn0ul4Antn7b4hCAdnkR0FT9qyPd5iH4n9BCi1z7yIehgRgId9M8EQHdE0mB5Ws1gowG8ykiT27CBArK8DPabMt+O
        FSgoDXHt0S2luE9AmBACG85sln4KhOhB/1kQRdKIJf6wPYpQ7OpvTlExjVVz22TabMVFcH9frZQPmZKH2ExoMYF6TqrissJK/13rasClOmME
        CAWf1kOqCwE//WnHzUY0HyKt7yoAAA==
        """)

    /// A 64x64 RGBA PNG with a transparent background around a red disc, as a background removal answers (274
    /// bytes, made once with Pillow).
    static let cutoutPNG: Data = decodeImage(
        """
        iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAA2UlEQVR42u2ayxXCIBREYapyYSUWaCUu7EpLMMLjfeDedU7mw2xyQmsAAAAA
        AHAi3VvwfX98fj1zez37VgVcCR1VRs8a3KuInj346iJUKfyK96tS+BU6qhbeWk8Vw1vqqmp4K31VDm/hQ+1wVP30Z/2wgB1Of8YXC6CATeY/
        6o8FUAAFUAAFUAAFUMBlPH9ajPCvPxZAAQ4zyzp/FjBTQLYVjPphARGtZzl9kwVElzCrrwwmInWVyUyEnjKa8tRRZnMe7+eOkMdkj70lNlpG
        9k9uAAAAAIAN+AJRA2RMNfo/eQAAAABJRU5ErkJggg==
        """)

    /// A small hand-written SVG in the flat style of a vector illustration: a sun over a hill.
    static let imageSVG = Data(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">
          <rect width="1024" height="1024" fill="#f4e4c1"/>
          <circle cx="512" cy="400" r="180" fill="#e8643c"/>
          <path d="M0 760 Q256 600 512 720 T1024 700 V1024 H0 Z" fill="#3c8c5a"/>
        </svg>

        """.utf8)

    /// The bytes of `base64` (line breaks ignored); empty when it is not base64, which the media tests would show.
    private static func decodeImage(_ base64: String) -> Data {
        Data(base64Encoded: base64.filter { !$0.isWhitespace }) ?? Data()
    }
}
