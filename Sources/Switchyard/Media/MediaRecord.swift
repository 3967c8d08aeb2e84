import SQLKit

/// One file of the media store: a copy of a result file of a task, served at `/media/{id}`.
public struct MediaRecord: Sendable, Equatable {
    /// 128 random bits in hex: the URL is the capability, like an upstream's CDN link.
    public let id: String
    public let taskID: String
    /// The owner of the task (for operators; the URL needs no key).
    public let tokenID: String
    public let contentType: String
    public let size: Int64
    /// Hex SHA-256 of the bytes.
    public let sha256: String
    /// Hex SHA-256 of the upstream URL: the key of "already copied", without keeping a URL that may carry a
    /// signature.
    public let sourceDigest: String
    /// The upstream URL's host, for operators.
    public let sourceHost: String
    public let createdAt: Int64
    public let expiresAt: Int64

    static func decode(_ row: any SQLRow) throws -> MediaRecord {
        MediaRecord(
            id: try row.decode(column: "id", as: String.self), taskID: try row.decode(column: "task_id", as: String.self),
            tokenID: try row.decode(column: "token_id", as: String.self), contentType: try row.decode(column: "content_type", as: String.self),
            size: try row.decode(column: "size", as: Int64.self), sha256: try row.decode(column: "sha256", as: String.self),
            sourceDigest: try row.decode(column: "source_digest", as: String.self),
            sourceHost: try row.decode(column: "source_host", as: String.self), createdAt: try row.decode(column: "created_at", as: Int64.self),
            expiresAt: try row.decode(column: "expires_at", as: Int64.self))
    }
}
