import Foundation
import Hummingbird
import NIOCore

/// `GET` and `HEAD /media/{id}`: a copy from the media store, whole or one byte range. The random id is the
/// capability, as an upstream's CDN link is: no key, so the URL works in an `<img>` tag, a player or a callback
/// receiver. An id may carry the source's extension (`/media/<id>.mp4`). Unknown ids answer 404, expired ones 410.
struct MediaRoutes: Sendable {
    let store: MediaStore
    let clock: Clock

    func register(on router: Router<GatewayRequestContext>) {
        router.get("media/{id}") { request, context in try await serve(request, context, includeBody: true) }
        router.head("media/{id}") { request, context in try await serve(request, context, includeBody: false) }
    }

    private func serve(_ request: Request, _ context: GatewayRequestContext, includeBody: Bool) async throws -> Response {
        let name = context.parameters.get("id") ?? ""
        let id = String(name.prefix { $0 != "." })
        guard let record = try await store.find(id: id) else { throw GatewayError.notFound("Media") }
        let now = clock.nowMillis()
        guard record.expiresAt > now else { throw GatewayError(.notFound, .gone, "This media file has expired") }

        let etag = "\"\(record.sha256)\""
        var headers: HTTPFields = [
            .contentType: record.contentType, .acceptRanges: "bytes", .eTag: etag,
            .lastModified: Self.httpDate(millis: record.createdAt),
            // A copy never changes; caches may keep it for as long as it lives.
            .cacheControl: "public, max-age=\(max(0, (record.expiresAt - now) / 1000)), immutable",
        ]
        if let match = request.headers[.ifNoneMatch], match == etag || match == "*" {
            return Response(status: .notModified, headers: headers)
        }
        let status: HTTPResponse.Status
        let range: ClosedRange<Int64>?
        // An If-Range that names another version asks for the whole file; a copy has one version only.
        let ifRangeHolds = request.headers[.ifRange].map { $0 == etag } ?? true
        let rangeHeader = ifRangeHolds ? request.headers[.range] : nil
        switch MediaByteRange.resolve(rangeHeader, length: record.size) {
        case .whole:
            status = .ok
            range = record.size > 0 ? 0...(record.size - 1) : nil
        case .part(let part):
            status = .partialContent
            range = part
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(record.size)"
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(record.size)"
            headers[.contentLength] = "0"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentLength] = String(range.map { $0.count } ?? 0)
        guard includeBody, let range else { return Response(status: status, headers: headers, body: ResponseBody()) }
        let body: ResponseBody
        do {
            body = try await store.backend.body(of: record.id, localPath: store.path(of: record.id), range: range, context: context)
        } catch {
            context.logger.error("media could not be read", metadata: ["media": "\(record.id)", "error": "\(error)"])
            throw GatewayError(.upstreamUnavailable, .badGateway, "This media file cannot be read right now")
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    static func httpDate(millis: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(millis / 1000)))
    }
}
