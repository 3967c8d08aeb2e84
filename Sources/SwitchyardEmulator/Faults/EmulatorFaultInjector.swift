import Hummingbird
import NIOCore

/// Carries out a chosen fault on one request.
struct EmulatorFaultInjector: Sendable {
    /// The instance's runtime, whose `pause` ends early when the emulator stops.
    let runtime: EmulatorRuntime

    /// Applies `fault` before the route does its normal work.
    /// - Parameters:
    ///   - successStatus: the status the route answers on success; `malformed` reuses it (200 or 201).
    /// - Returns: the response to send instead of the normal one, or nil to carry on normally (after the delay of
    ///   `slow`; `fail` and `partial` are carried out later by the route, which decides how the job ends, and
    ///   `garbage` and `slow-body` by `reshape` on the route's response).
    /// - Throws: `EmulatorConnectionClosed` for `drop` and `timeout`, after the connection was closed.
    func apply(
        _ fault: EmulatorFault,
        context: EmulatorRequestContext,
        successStatus: HTTPResponse.Status
    ) async throws -> Response? {
        switch fault {
        case .serverError:
            return EmulatorHTTPError(status: .internalServerError, detail: "Internal server error (emulated)").response
        case .rateLimited:
            return EmulatorHTTPError(
                status: .tooManyRequests,
                detail: "Too many requests (emulated)",
                headers: [.retryAfter: "1"]
            ).response
        case .slow:
            _ = await runtime.pause(seconds: 1.5)
            return nil
        case .timeout:
            // A client gives up long before this; the pause only bounds how long the handler lingers.
            _ = await runtime.pause(seconds: 60)
            try await closeConnection(context)
        case .drop, .cut:
            // `cut` only differs from `drop` on a stream, which the streaming families carry out themselves.
            try await closeConnection(context)
        case .malformed:
            return EmulatorResponse.raw(#"{"id": "unterminated"#, status: successStatus)
        case .fail, .partial, .lateCancel, .garbage, .slowBody:
            return nil
        }
    }

    /// The route's `response` as a body fault (`garbage`, `slow-body`) spoils it; any other fault leaves it as is.
    func reshape(_ response: Response, for fault: EmulatorFault?) -> Response {
        EmulatorBodyFault(runtime: runtime).reshape(response, for: fault)
    }

    /// Closes the TCP connection so the client sees it end without a response, then unwinds the handler.
    private func closeConnection(_ context: EmulatorRequestContext) async throws -> Never {
        // Closing can fail only if the client already hung up, which is the outcome we want anyway.
        try? await context.channel.close(mode: .all)
        throw EmulatorConnectionClosed()
    }
}
