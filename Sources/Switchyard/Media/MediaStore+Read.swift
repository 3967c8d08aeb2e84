import Foundation

extension MediaStore {
    /// The id a gateway media URL names (`<public url>/media/<id>[.<ext>]`); nil for any other URL, such as an
    /// upstream link a failed copy left in a result.
    func id(ofURL url: String) -> String? {
        let prefix = baseURL.value + "/media/"
        guard url.hasPrefix(prefix) else { return nil }
        let name = url.dropFirst(prefix.count)
        let id = String(name.prefix { $0 != "." })
        return id.count == 32 && id.allSatisfy(\.isHexDigit) ? id : nil
    }

    /// The bytes of the copy a gateway media URL names, read from the backend directly (never over HTTP: the
    /// public URL may not be reachable from the gateway itself). Nil when `url` is not one of this store's;
    /// `maximumBytes` bounds what is read. Throws when the copy is unknown, expired, too large or unreadable.
    func bytes(ofURL url: String, maximumBytes: Int) async throws -> [UInt8]? {
        guard let id = id(ofURL: url) else { return nil }
        guard let record = try await find(id: id), record.expiresAt > clock.nowMillis() else { throw GatewayError.notFound("Media") }
        guard record.size <= Int64(maximumBytes) else { throw GatewayError.internalError("media copy larger than the read limit") }
        return try await backend.bytes(of: record.id, localPath: path(of: record.id), size: record.size)
    }
}
