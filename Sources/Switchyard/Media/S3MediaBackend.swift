import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import SystemPackage
import _NIOFileSystem

/// Copies kept as objects `<prefix><id>` of a bucket of an S3-compatible store, addressed path-style
/// (`<endpoint>/<bucket>/<key>`, what MinIO, Ceph and most others serve). Uploaded from the downloaded file as a
/// stream, read back by range for each request (the gateway's URL stays the one customers use), deleted by the
/// sweeper.
struct S3MediaBackend: MediaBackend {
    let client: HTTPClient
    let settings: MediaSettings.S3
    let signer: S3Signer
    let logger: Logger

    init(client: HTTPClient, settings: MediaSettings.S3, logger: Logger) {
        self.client = client
        self.settings = settings
        self.signer = S3Signer(accessKeyID: settings.accessKeyID, secretAccessKey: settings.secretAccessKey, region: settings.region)
        self.logger = logger
    }

    /// The store refused or failed a call.
    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let status: Int
        var description: String { "S3 \(operation) answered HTTP \(status)" }
    }

    func keep(fileAt path: String, id: String, contentType: String, size: Int64) async throws {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
            var request = signed(
                "PUT", id: id, headers: ["content-type": contentType, "content-length": String(size)], payload: S3Signer.unsignedPayload)
            request.body = .stream(handle.readChunks(chunkLength: .kibibytes(256)), length: .known(size))
            let response = try await client.execute(request, timeout: .seconds(300), logger: logger)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(response.status.code) else { throw Failure(operation: "PUT", status: Int(response.status.code)) }
        }
        _ = try? await FileSystem.shared.removeItem(at: FilePath(path), strategy: .platformDefault, recursively: false)
    }

    func body(of id: String, localPath: String, range: ClosedRange<Int64>, context: GatewayRequestContext) async throws -> ResponseBody {
        let request = signed("GET", id: id, headers: ["range": "bytes=\(range.lowerBound)-\(range.upperBound)"], payload: S3Signer.emptyPayloadHash)
        let response = try await client.execute(request, timeout: .seconds(300), logger: logger)
        guard response.status == .partialContent || response.status == .ok else {
            _ = try? await response.body.collect(upTo: 64 * 1024)
            throw Failure(operation: "GET", status: Int(response.status.code))
        }
        return ResponseBody(asyncSequence: response.body)
    }

    func bytes(of id: String, localPath: String, size: Int64) async throws -> [UInt8] {
        let response = try await client.execute(
            signed("GET", id: id, headers: [:], payload: S3Signer.emptyPayloadHash), timeout: .seconds(300), logger: logger)
        let body = try await response.body.collect(upTo: Int(clamping: max(size, 64 * 1024)))
        guard response.status == .ok else { throw Failure(operation: "GET", status: Int(response.status.code)) }
        return Array(body.readableBytesView)
    }

    func remove(id: String, localPath: String) async {
        _ = try? await FileSystem.shared.removeItem(at: FilePath(localPath), strategy: .platformDefault, recursively: false)
        do {
            let response = try await client.execute(signed("DELETE", id: id, headers: [:], payload: S3Signer.emptyPayloadHash), timeout: .seconds(30))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if !(200..<300).contains(response.status.code) {
                logger.warning("S3 delete failed", metadata: ["media": "\(id)", "status": "\(response.status.code)"])
            }
        } catch {
            logger.warning("S3 delete failed", metadata: ["media": "\(id)"])
        }
    }

    /// A request for object `id`, signed now.
    private func signed(_ method: String, id: String, headers: [String: String], payload: String) -> HTTPClientRequest {
        let endpoint = settings.endpoint.hasSuffix("/") ? String(settings.endpoint.dropLast()) : settings.endpoint
        let path = "/\(settings.bucket)/\(settings.keyPrefix)\(id)"
        var request = HTTPClientRequest(url: endpoint + path)
        request.method = .init(rawValue: method)
        var all = headers
        all["host"] = Self.hostHeader(of: endpoint)
        for (name, value) in signer.sign(method: method, path: path, headers: all, payloadHash: payload, date: Date()) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        return request
    }

    /// The `Host` the request is sent with: the host, and the port when it is not the scheme's own.
    static func hostHeader(of endpoint: String) -> String {
        guard let components = URLComponents(string: endpoint), let host = components.host else { return "" }
        guard let port = components.port, port != (components.scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }
}
