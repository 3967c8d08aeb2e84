import Foundation

/// Generators of public ids in each family's look, so that clients that validate ids keep working.
public enum PublicID {
    /// A lowercase UUID, as Luma and Runway use.
    public static func uuid() -> String { UUID().uuidString.lowercased() }

    /// A request id for logs and the `x-request-id` header.
    public static func requestID() -> String {
        // Two random words give 20 base-36 digits: two calls to the generator instead of one per character.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = Array("req_".utf8)
        bytes.reserveCapacity(24)
        for _ in 0..<2 {
            var word = generator.next()
            for _ in 0..<10 {
                bytes.append(alphabet[Int(word % 36)])
                word /= 36
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
}
