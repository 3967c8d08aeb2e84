import Foundation
import Hummingbird

/// Serves a family's generated assets at `/media/<family>/<file>`, where the family's asset URLs point.
///
/// Asset URLs of real upstreams are public CDN links, so these routes need no key. Counters are keyed like
/// "GET /media/luma/{file}".
struct EmulatorMedia: Sendable {
    /// Common request handling (counting, forced faults, error rendering).
    let endpoint: EmulatorEndpoint
    /// Path segment of the family, e.g. "luma".
    let family: String

    /// Adds the GET and HEAD routes for this family's files to `router`.
    func register(on router: Router<EmulatorRequestContext>) {
        let path = "/media/\(family)/{file}"
        router.get(RouterPath(path)) { request, context in
            try await endpoint.respond(route: "GET \(path)", successStatus: .ok, context: context) {
                try serve(request, context, includeBody: true)
            }
        }
        router.head(RouterPath(path)) { request, context in
            try await endpoint.respond(route: "HEAD \(path)", successStatus: .ok, context: context) {
                try serve(request, context, includeBody: false)
            }
        }
    }

    /// The file named in the path, whole or the requested byte range.
    private func serve(_ request: Request, _ context: EmulatorRequestContext, includeBody: Bool) throws -> Response {
        guard let name = context.parameters.get("file"), let file = EmulatorMediaFile(named: name) else {
            throw EmulatorHTTPError.notFound("Not Found")
        }
        let length = file.bytes.count
        var headers: HTTPFields = [
            .contentType: file.contentType,
            .acceptRanges: "bytes",
            // The bytes never change for a name, so players and viewers may cache them.
            .cacheControl: "public, max-age=86400",
        ]

        let status: HTTPResponse.Status
        let slice: Range<Int>
        switch EmulatorByteRange.resolve(request.headers[.range], length: length) {
        case .wholeFile:
            status = .ok
            slice = 0..<length
        case .partial(let range):
            status = .partialContent
            slice = range.lowerBound..<(range.upperBound + 1)
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(length)"
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(length)"
            return Response(status: .rangeNotSatisfiable, headers: headers, body: ResponseBody())
        }

        // HEAD reports the length the GET would send, without the bytes.
        headers[.contentLength] = String(slice.count)
        guard includeBody else { return Response(status: status, headers: headers, body: ResponseBody()) }
        let bytes = file.bytes.subdata(in: slice)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
