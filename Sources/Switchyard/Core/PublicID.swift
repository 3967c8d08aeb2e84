import Foundation

/// Generators of public ids in each family's look, so that clients that validate ids keep working.
public enum PublicID {
    /// A lowercase UUID, as Luma and Runway use.
    public static func uuid() -> String { UUID().uuidString.lowercased() }

    /// A request id for logs and the `x-request-id` header.
    public static func requestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return "req_" + String((0..<20).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
