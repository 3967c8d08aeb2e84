import Foundation
import Hummingbird
import NIOCore

/// What every emulated route does around its own work: count the request, apply the instance's forced fault,
/// and turn `EmulatorHTTPError`s into `{"detail": ...}` answers.
struct EmulatorEndpoint: Sendable {
    /// The instance's shared runtime.
    let runtime: EmulatorRuntime

    /// Largest request body accepted; real prompts and references are far smaller.
    static let maximumBodyBytes = 1 << 20

    /// Carries out faults chosen for a request.
    var faults: EmulatorFaultInjector {
        EmulatorFaultInjector(runtime: runtime)
    }

    /// Runs one request of `route` (e.g. "POST /generations/video") through the common steps and `work`.
    /// - Parameter successStatus: the route's normal status, which the `malformed` fault answers with.
    func respond(
        route: String,
        successStatus: HTTPResponse.Status,
        context: EmulatorRequestContext,
        _ work: () async throws -> Response
    ) async throws -> Response {
        runtime.recordRequest(route)
        do {
            // `fail` and `partial` only mean something to a create route, which reads them from the configuration.
            let forced = runtime.configuration.forcedFault
            if let forced, !forced.shapesOutcome,
                let response = try await faults.apply(forced, context: context, successStatus: successStatus)
            {
                return response
            }
            return faults.reshape(try await work(), for: forced)
        } catch let error as EmulatorHTTPError {
            return error.response
        }
    }

    /// Reads the whole request body and parses it; nil when it is not JSON (the caller decides on a 422, after
    /// a header-selected fault had its chance).
    func readJSONBody(_ request: Request) async throws -> EmulatorJSON? {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maximumBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw EmulatorHTTPError(status: .contentTooLarge, detail: "Request body too large")
        }
        return EmulatorJSON.parse(Array(buffer.readableBytesView))
    }

    /// The bearer key of the request when it is acceptable to this instance, else nil.
    ///
    /// Any non-empty key is accepted unless `acceptedKeys` restricts them, as a real upstream accepts any key
    /// it issued.
    func acceptedBearerKey(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return nil }
        if let accepted = runtime.configuration.acceptedKeys, !accepted.contains(key) { return nil }
        return key
    }

    /// The key in header `name` when it is acceptable to this instance (as `acceptedBearerKey` decides), else nil.
    func acceptedKey(_ request: Request, header name: String) -> String? {
        let field = request.headers.first { $0.name.canonicalName == name.lowercased() }
        guard let key = field?.value.trimmingCharacters(in: .whitespaces), !key.isEmpty else { return nil }
        if let accepted = runtime.configuration.acceptedKeys, !accepted.contains(key) { return nil }
        return key
    }
}
