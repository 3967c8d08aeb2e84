import HTTPTypes
import Hummingbird

extension AdminRoutes {
    /// The key that makes a top-up or adjustment count once, as a payments API takes it: the `Idempotency-Key`
    /// header, else the body's `idempotency_key`; with neither, the call's own request id, so each call credits.
    ///
    /// A retry with the same key (for the same account and kind) credits nothing more; the same key with another
    /// amount is refused with 409.
    static func idempotencyKey(_ request: Request, _ fields: JSONFieldReader, _ context: GatewayRequestContext) throws -> String {
        if let header = request.headers[Self.idempotencyKeyHeader] {
            guard !header.isEmpty, header.count <= 200 else {
                throw GatewayError.validation(field: "Idempotency-Key", "must be 1 to 200 characters")
            }
            return header
        }
        return try fields.string("idempotency_key", maxLength: 200) ?? context.requestID
    }

    static let idempotencyKeyHeader = HTTPField.Name("Idempotency-Key")!
}
