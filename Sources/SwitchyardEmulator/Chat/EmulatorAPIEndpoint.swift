import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The request handling the OpenAI and Anthropic families share, between their own authentication and error
/// rendering: reading the body, choosing a fault and carrying it out in the family's error shape, and settling
/// how a streamed answer is paced.
///
/// Faults are chosen as for the other families: `EmulatorConfiguration.forcedFault`, else the `X-Emulator-Fault`
/// header, else a draw of `EmulatorConfiguration.faultMix` (all carried out by `begin`, before the body is
/// validated), else a `[fault:<x>]` keyword in the last user message (carried out by `EmulatorAPICall.answer`,
/// once the route has read the conversation).
struct EmulatorAPIEndpoint: Sendable {
    /// The shared request handling (runtime, connection-level faults).
    let endpoint: EmulatorEndpoint
    /// The family's answer to `500` and `fail`.
    let serverError: Response
    /// The family's answer to `429` (with `Retry-After: 1`).
    let rateLimited: Response

    /// Largest request body accepted: base64 images and audio uploads make these bodies larger than the others.
    static let maximumBodyBytes = 32 << 20
    /// The header that sets the chunk delay of one request, in milliseconds.
    // The literal is a valid token, so the failable initializer cannot fail.
    static let chunkDelayHeader = HTTPField.Name("X-Emulator-Chunk-Delay-Ms")!
    /// What `malformed` answers to a request that does not stream.
    private static let malformedBody = #"{"id": "unterminated"#

    /// What a route reads from the request body.
    enum BodyKind: Sendable {
        /// Nothing (GET routes).
        case none
        /// A JSON object.
        case json
        /// A JSON object whose `"stream": true` asks for a streamed answer (chat, completions, responses, messages);
        /// only these routes carry out `cut` and `malformed` as stream faults.
        case streamableJSON
        /// The raw bytes (multipart uploads).
        case raw
    }

    /// The outcome of `begin`.
    enum Start: Sendable {
        /// A fault already produced the answer.
        case answered(Response)
        /// The route carries on with this call.
        case proceed(EmulatorAPICall)
    }

    /// What a fault leaves to do.
    enum Outcome: Sendable {
        /// Send this instead of the normal answer.
        case answer(Response)
        /// Answer normally, streaming with these options.
        case proceed(EmulatorStreamOptions)
    }

    /// The instance's shared runtime.
    var runtime: EmulatorRuntime { endpoint.runtime }

    /// Reads the body as `kind` says, then carries out a forced or header-selected fault.
    /// - Throws: `EmulatorHTTPError` 400 for a body that is not JSON or an unknown fault or delay header, 413 for
    ///   an oversized body (the family renders them); `EmulatorConnectionClosed` after `drop` or `timeout`.
    func begin(
        _ request: Request,
        _ context: EmulatorRequestContext,
        body kind: BodyKind
    ) async throws -> Start {
        var body = EmulatorJSON.null
        var rawBody: ByteBuffer?
        if kind != .none {
            let buffer = try await collect(request)
            if kind != .raw {
                guard let parsed = EmulatorJSONParser.parse(buffer), parsed.isObject else {
                    throw EmulatorHTTPError.badRequest("The request body is not a valid JSON object.")
                }
                body = parsed
            } else {
                rawBody = buffer
            }
        }
        let streams = try Self.streams(body, kind: kind)
        var options = EmulatorStreamOptions(chunkDelaySeconds: try chunkDelay(request.headers), cutAfterChunks: nil)
        // Reads (model lists) take no drawn fault: the mix is for calls that do work, as on the task families.
        let fault =
            try runtime.configuration.forcedFault ?? EmulatorFaultSelector.headerFault(in: request.headers)
            ?? (kind == .none ? nil : runtime.drawFault())
        if let fault {
            switch try await apply(fault, streams: streams, options: options, context) {
            case .answer(let response): return .answered(response)
            case .proceed(let settled): options = settled
            }
        }
        return .proceed(
            EmulatorAPICall(
                body: body, rawBody: rawBody, streams: streams, fault: fault, options: options,
                api: self, context: context))
    }

    /// Carries out `fault` for a request that does (`streams`) or does not stream.
    func apply(
        _ fault: EmulatorFault,
        streams: Bool,
        options: EmulatorStreamOptions,
        _ context: EmulatorRequestContext
    ) async throws -> Outcome {
        var options = options
        switch fault {
        case .serverError, .fail:
            return .answer(serverError)
        case .rateLimited:
            return .answer(rateLimited)
        case .malformed where streams:
            options.isMalformed = true
        case .malformed:
            return .answer(EmulatorResponse.raw(Self.malformedBody, status: .ok))
        case .cut where streams:
            options.cutAfterChunks = EmulatorStreamOptions.chunksBeforeCut
        case .slow, .timeout, .drop, .cut:
            _ = try await endpoint.faults.apply(fault, context: context, successStatus: .ok)
        case .partial, .lateCancel, .garbage, .slowBody:
            // `garbage` and `slow-body` spoil the answer the route builds (`EmulatorAPICall.answer`).
            break
        }
        return .proceed(options)
    }

    /// Whether a body of `kind` asks for a streamed answer.
    /// - Throws: 400 when `stream` is not a boolean.
    private static func streams(_ body: EmulatorJSON, kind: BodyKind) throws -> Bool {
        guard kind == .streamableJSON, let flag = body["stream"] else { return false }
        switch flag {
        case .bool(let value): return value
        case .null: return false
        default: throw EmulatorHTTPError.badRequest("stream: Input should be a valid boolean")
        }
    }

    /// The whole request body.
    private func collect(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: Self.maximumBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw EmulatorHTTPError(status: .contentTooLarge, detail: "Request body too large")
        }
    }

    /// The chunk delay of a request in seconds: its header, else the configured default.
    private func chunkDelay(_ headers: HTTPFields) throws -> Double {
        guard let raw = headers[Self.chunkDelayHeader] else {
            return Double(max(0, runtime.configuration.streamChunkDelayMillis)) / 1000
        }
        guard let millis = Int(raw.trimmingCharacters(in: .whitespaces)), millis >= 0 else {
            throw EmulatorHTTPError.badRequest("X-Emulator-Chunk-Delay-Ms must be a non-negative integer, got '\(raw)'")
        }
        return Double(millis) / 1000
    }
}
