import AsyncHTTPClient
import Foundation
import NIOHTTP1
import SQLKit
@testable import Switchyard

/// Reading files as a player or a browser does: raw bytes (never through text), with request headers such as
/// `Range`, and the media store's rows.
extension TestHarness {
    struct Download: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let bytes: [UInt8]

        var contentType: String? { headers.first(name: "content-type") }
    }

    /// Downloads `url` without a key, as an `<img>` tag or a player does (media and sample URLs carry their own
    /// capability).
    func download(_ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = []) async throws -> Download {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        return Download(status: Int(response.status.code), headers: response.headers, bytes: Array(buffer: body))
    }

    /// Whether `url` answers at all, asked on a connection of its own (not one the shared client kept open).
    func answers(_ url: String) async -> Bool {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(5))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let answered = (try? await client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))) != nil
        try? await client.shutdown()
        return answered
    }

    /// The media store's rows, oldest first.
    func mediaRows() async throws -> [MediaRecord] {
        try await database.read.raw("SELECT * FROM media ORDER BY created_at, id").all().map(MediaRecord.decode)
    }

    /// Every value of every media row, as text: what the store keeps about its sources.
    func mediaRowText() async throws -> String {
        try await database.read.raw("SELECT * FROM media").all().map { row in
            row.allColumns.map { column in (try? row.decode(column: column, as: String.self)) ?? "" }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// The gateway's URL prefix of media copies.
    var mediaPrefix: String { baseURL + "/media/" }

    /// Where the gateway keeps the file of copy `id`.
    func mediaFile(_ id: String) -> String {
        config.media.resolvedDirectory(dataDirectory: config.dataDirectory) + "/\(id.prefix(2))/\(id)"
    }
}
