import AsyncHTTPClient
import Foundation
import NIOHTTP1
import SQLKit
import Testing

@testable import Switchyard

/// Flux calls for end-to-end tests: create, read get_result until the task has an outcome, download a sample.
extension TestHarness {
    /// `POST /flux/v1/{model}` with `body`.
    func fluxCreate(_ model: String, _ body: String, key: String) async throws -> Answer {
        try await call(.POST, baseURL + "/flux/v1/\(model)", key: key, body: body)
    }

    /// Creates a task the gateway accepts and returns its id (failing the test otherwise).
    func fluxTask(_ model: String, _ body: String, key: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let answer = try await fluxCreate(model, body, key: key)
        #expect(answer.status == 200, "\(model): \(answer.body)", sourceLocation: sourceLocation)
        return try #require(answer.json?["id"]?.stringValue, "\(model): \(answer.body)", sourceLocation: sourceLocation)
    }

    /// `GET /flux/v1/get_result?id=`.
    func fluxResult(_ id: String, key: String) async throws -> Answer {
        try await call(.GET, baseURL + "/flux/v1/get_result?id=\(id)", key: key)
    }

    /// Reads get_result until the status is no longer `Pending` (or the time runs out) and returns the object.
    func waitForFluxResult(_ id: String, key: String, seconds: Double = 10) async throws -> JSONValue {
        var result = JSONValue.null
        try await waitUntil(seconds: seconds) {
            result = try await fluxResult(id, key: key).json ?? .null
            return result["status"]?.stringValue.map { $0 != "Pending" } ?? false
        }
        return result
    }

    /// Every ledger entry's kind, oldest first (a harness serves one test, so these are the test's own).
    func ledgerKinds() async throws -> [String] {
        try await database.read.raw("SELECT kind FROM ledger_entries WHERE kind IN ('hold', 'settle', 'refund') ORDER BY id").all()
            .map { try $0.decode(column: "kind", as: String.self) }
    }
}

/// Image file signatures: what an image library checks first.
enum ImageMagic {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
}
