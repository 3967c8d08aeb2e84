import Hummingbird
import NIOCore

/// Carries out the faults that spoil an answer's body rather than the answer itself: `garbage` and `slow-body`.
/// The route builds its normal response first; `reshape` then rewrites it.
struct EmulatorBodyFault: Sendable {
    /// The instance's runtime, whose `pause` paces trickled bytes and ends early when the emulator stops.
    let runtime: EmulatorRuntime

    /// Bytes of one trickled slice of a `slow-body` answer.
    static let sliceBytes = 64
    /// Pause before each trickled slice after the first: a kilobyte takes about 0.8 s.
    static let slicePauseSeconds = 0.05
    /// Writes of a streamed answer sent normally before it turns to `garbage`.
    static let writesBeforeGarbage = 3
    /// What `garbage` sends: an HTML error page (a proxy's, say) with bytes that are not even UTF-8, and a `data:`
    /// line that is not JSON, so that neither a JSON nor an event-stream reader can make sense of it.
    static let garbage: ByteBuffer = {
        var buffer = ByteBuffer(string: "<html><body><h1>502 Bad Gateway</h1>")
        buffer.writeBytes([0x00, 0xFF, 0xFE, 0x1B, 0x7F, 0xC3, 0x28])
        buffer.writeString("</body></html>\ndata: {\"choices\": [garbage\n\n")
        return buffer
    }()

    /// `response` as `fault` spoils it; other faults (and nil) leave it untouched.
    func reshape(_ response: Response, for fault: EmulatorFault?) -> Response {
        switch fault {
        case .garbage?: return garbled(response)
        case .slowBody?: return trickled(response)
        default: return response
        }
    }

    /// A successful answer with garbage for a body: at once for a whole body, after a few writes for a stream.
    /// Error answers stay as they are (the fault is "a 200 that cannot be read").
    private func garbled(_ response: Response) -> Response {
        guard (200..<300).contains(response.status.code) else { return response }
        let isStream = response.headers[.contentType]?.hasPrefix("text/event-stream") ?? false
        guard isStream else {
            return Response(
                status: response.status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: Self.garbage))
        }
        var garbled = response
        let body = response.body
        garbled.body = ResponseBody(contentLength: nil) { writer in
            try await body.write(GarblingWriter(parent: writer, writesLeft: Self.writesBeforeGarbage))
        }
        return garbled
    }

    /// The same answer, its headers at once and its body a slice at a time.
    private func trickled(_ response: Response) -> Response {
        var trickled = response
        let body = response.body
        let runtime = runtime
        trickled.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(TricklingWriter(parent: writer, runtime: runtime))
        }
        return trickled
    }
}

/// Passes the first writes of a body through, then sends `EmulatorBodyFault.garbage` once and drops the rest; the
/// body still ends cleanly, so the reader sees garbage rather than a hang-up.
private struct GarblingWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    var writesLeft: Int
    var hasGarbled = false

    mutating func write(_ buffer: ByteBuffer) async throws {
        guard !hasGarbled else { return }
        guard writesLeft > 0 else {
            hasGarbled = true
            try await parent.write(EmulatorBodyFault.garbage)
            return
        }
        writesLeft -= 1
        try await parent.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await parent.finish(trailingHeaders)
    }
}

/// Writes every buffer in slices of `EmulatorBodyFault.sliceBytes`, pausing before each slice after the first.
private struct TricklingWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    let runtime: EmulatorRuntime
    var hasStarted = false
    /// Set once a pause is cut short (the emulator stops): the rest goes out at once.
    var isHurried = false

    mutating func write(_ buffer: ByteBuffer) async throws {
        var rest = buffer
        while rest.readableBytes > 0, let slice = rest.readSlice(length: min(EmulatorBodyFault.sliceBytes, rest.readableBytes)) {
            if hasStarted, !isHurried {
                isHurried = !(await runtime.pause(seconds: EmulatorBodyFault.slicePauseSeconds))
            }
            hasStarted = true
            try await parent.write(slice)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await parent.finish(trailingHeaders)
    }
}
