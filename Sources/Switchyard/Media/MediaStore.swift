import Crypto
import Foundation
import SQLKit
import SystemPackage
import _NIOFileSystem

/// The gateway's own copies of result files: one file per copy, named by its random id, in a directory (by default
/// under the data directory) or an S3-compatible bucket, and a `media` row per file.
public struct MediaStore: Sendable {
    let database: Database
    let directory: String
    let baseURL: PublicBaseURL
    let clock: Clock
    /// Where the bytes are kept once downloaded.
    let backend: any MediaBackend

    init(database: Database, directory: String, baseURL: PublicBaseURL, clock: Clock, backend: any MediaBackend = LocalMediaBackend()) {
        self.database = database
        self.backend = backend
        self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.baseURL = baseURL
        self.clock = clock
    }

    /// A new id: 128 random bits in hex, the capability the URL carries.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Hex SHA-256 of an upstream URL: how a copy is found again without storing the URL (which may be signed).
    static func sourceDigest(_ url: String) -> String {
        Hex.encode(SHA256.hash(data: Data(url.utf8)))
    }

    /// Where the file of copy `id` lives: spread over 256 folders by the id's first two digits.
    func path(of id: String) -> String {
        "\(directory)/\(id.prefix(2))/\(id)"
    }

    /// The gateway URL of a copy; the name ends with the source's extension (`.mp4`), which players look at.
    func url(of record: MediaRecord, fileExtension: String?) -> String {
        baseURL.value + "/media/" + record.id + (fileExtension.map { "." + $0 } ?? "")
    }

    /// The copies of `task` already made, by source digest.
    func existing(taskID: String, sourceDigests: [String]) async throws -> [String: MediaRecord] {
        guard !sourceDigests.isEmpty else { return [:] }
        let rows = try await database.read.raw(
            "SELECT * FROM media WHERE task_id = \(bind: taskID) AND source_digest IN (\(binds: sourceDigests))"
        ).all()
        var found: [String: MediaRecord] = [:]
        for record in try rows.map(MediaRecord.decode) { found[record.sourceDigest] = record }
        return found
    }

    /// Records a copy whose file is in place. When another writer recorded the same source of the same task first,
    /// that one is kept, this file removed, and the first returned.
    func insert(_ record: MediaRecord) async throws -> MediaRecord {
        let inserted = try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO media (id, task_id, token_id, content_type, size, sha256, source_digest, source_host, created_at, expires_at)
                VALUES (\(bind: record.id), \(bind: record.taskID), \(bind: record.tokenID), \(bind: record.contentType), \(bind: record.size),
                        \(bind: record.sha256), \(bind: record.sourceDigest), \(bind: record.sourceHost), \(bind: record.createdAt),
                        \(bind: record.expiresAt))
                ON CONFLICT(task_id, source_digest) DO NOTHING RETURNING id
                """
            ).first() != nil
        }
        if inserted { return record }
        await backend.remove(id: record.id, localPath: path(of: record.id))
        guard let first = try await existing(taskID: record.taskID, sourceDigests: [record.sourceDigest])[record.sourceDigest] else {
            throw GatewayError.internalError("media row vanished")
        }
        return first
    }

    /// The copy `id`, expired or not; nil when there is none.
    func find(id: String) async throws -> MediaRecord? {
        guard id.count == 32, id.allSatisfy(\.isHexDigit) else { return nil }
        return try await database.read.raw("SELECT * FROM media WHERE id = \(bind: id)").first().map(MediaRecord.decode)
    }

    /// Up to `limit` copies whose lifetime ended at `now`.
    func expired(at now: Int64, limit: Int) async throws -> [MediaRecord] {
        try await database.read.raw("SELECT * FROM media WHERE expires_at <= \(bind: now) ORDER BY expires_at LIMIT \(bind: limit)").all()
            .map(MediaRecord.decode)
    }

    /// Deletes a copy's row, then its bytes (a row never points at missing bytes for longer than the delete takes).
    func delete(_ record: MediaRecord) async throws {
        try await database.write { sql in try await sql.raw("DELETE FROM media WHERE id = \(bind: record.id)").run() }
        await backend.remove(id: record.id, localPath: path(of: record.id))
    }

    /// Makes the folder of copy `id`.
    func prepareFolder(of id: String) async throws {
        try await FileSystem.shared.createDirectory(
            at: FilePath("\(directory)/\(id.prefix(2))"), withIntermediateDirectories: true, permissions: nil)
    }
}
