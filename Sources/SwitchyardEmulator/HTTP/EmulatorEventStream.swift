import Hummingbird
import NIOCore

/// Starts a `text/event-stream` answer whose events go out one by one, each flushed as it is written, while the
/// producer runs (a streaming `ResponseBody`, never a collected one).
struct EmulatorEventStream: Sendable {
    /// The instance's runtime, whose `pause` paces chunks and ends early when the emulator stops.
    let runtime: EmulatorRuntime
    /// The connection, closed by the `cut` fault.
    let channel: any Channel
    /// Pacing and faults of this stream.
    let options: EmulatorStreamOptions

    /// Headers of every event stream.
    private static let headers: HTTPFields = [
        .contentType: "text/event-stream; charset=utf-8",
        .cacheControl: "no-cache",
    ]

    /// True when the stream must carry one malformed line instead of its normal events.
    var isMalformed: Bool {
        options.isMalformed
    }

    /// A 200 response whose body `produce` writes event by event; the body is finished when `produce` returns.
    func response(_ produce: @escaping @Sendable (inout EmulatorEventWriter) async throws -> Void) -> Response {
        let runtime = runtime
        let channel = channel
        let options = options
        return Response(
            status: .ok,
            headers: Self.headers,
            body: ResponseBody { writer in
                var events = EmulatorEventWriter(writer: writer, runtime: runtime, channel: channel, options: options)
                try await produce(&events)
                try await events.finish()
            }
        )
    }
}
