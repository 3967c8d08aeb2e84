import Crypto
import Foundation
import SQLKit

/// The console's sign-in sessions, kept in the store. The browser holds a random session id; the store holds only
/// its SHA-256, so a copy of the database opens no session. The key a session was opened with is never stored.
struct ConsoleSessionStore: Sendable {
    let database: Database
    let clock: Clock
    /// How long a session lasts from sign-in (fixed, not sliding: a stolen cookie stops working on time).
    let lifetimeMillis: Int64

    /// A signed-in session as stored.
    struct Session: Sendable, Equatable {
        let idHash: String
        let tokenID: String
        let role: ConsoleRole
        let csrfToken: String
        let expiresAt: Int64
    }

    /// Opens a session for a key's token; returns the id the cookie carries and the session.
    func open(tokenID: String, role: ConsoleRole) async throws -> (id: String, session: Session) {
        let id = Self.randomHex()
        let now = clock.nowMillis()
        let session = Session(
            idHash: Self.hash(id), tokenID: tokenID, role: role, csrfToken: Self.randomHex(), expiresAt: now + lifetimeMillis)
        try await database.write { sql in
            // Expired rows are dropped as new ones come, so the table stays as small as the signed-in crowd.
            try await sql.raw("DELETE FROM console_sessions WHERE expires_at <= \(bind: now)").run()
            try await sql.raw(
                """
                INSERT INTO console_sessions (id_hash, token_id, role, csrf_token, created_at, expires_at)
                VALUES (\(bind: session.idHash), \(bind: tokenID), \(bind: role.rawValue), \(bind: session.csrfToken), \(bind: now),
                        \(bind: session.expiresAt))
                """
            ).run()
        }
        return (id, session)
    }

    /// The unexpired session whose id is `id`, or nil.
    func find(id: String) async throws -> Session? {
        guard id.count == 64, id.allSatisfy(\.isHexDigit) else { return nil }
        let row = try await database.read.raw(
            """
            SELECT id_hash, token_id, role, csrf_token, expires_at FROM console_sessions
            WHERE id_hash = \(bind: Self.hash(id)) AND expires_at > \(bind: clock.nowMillis())
            """
        ).first()
        guard let row, let role = ConsoleRole(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
        return Session(
            idHash: try row.decode(column: "id_hash", as: String.self), tokenID: try row.decode(column: "token_id", as: String.self),
            role: role, csrfToken: try row.decode(column: "csrf_token", as: String.self),
            expiresAt: try row.decode(column: "expires_at", as: Int64.self))
    }

    /// Ends a session (sign-out, or its key no longer holds).
    func close(idHash: String) async throws {
        try await database.write { sql in
            try await sql.raw("DELETE FROM console_sessions WHERE id_hash = \(bind: idHash)").run()
        }
    }

    static func hash(_ id: String) -> String { Hex.encode(SHA256.hash(data: Data(id.utf8))) }

    /// 32 random bytes from the system's secure generator, as 64 hex digits.
    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}

/// Who a console session belongs to: an operator (a key whose user is an active administrator) or a customer.
enum ConsoleRole: String, Sendable {
    case `operator`
    case customer
}
