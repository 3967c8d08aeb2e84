import SQLKit

/// Secrets the gateway generates for itself once and keeps in its store.
enum GatewaySecrets {
    /// The callback signing key: the configured one, else one generated on first start and kept.
    static func callbackSigningSecret(configured: String?, database: Database) async throws -> String {
        if let configured { return configured }
        return try await database.transaction { sql in
            if let row = try await sql.raw("SELECT value FROM gateway_secrets WHERE name = 'callback_signing'").first() {
                return try row.decode(column: "value", as: String.self)
            }
            let secret = "whsec_" + CustomerKey.generate().dropFirst(3)
            try await sql.raw("INSERT INTO gateway_secrets (name, value) VALUES ('callback_signing', \(bind: secret))").run()
            return secret
        }
    }
}
