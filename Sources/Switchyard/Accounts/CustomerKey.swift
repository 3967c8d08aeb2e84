import Crypto
import Foundation

/// A customer key: generated once, shown once, stored only as its SHA-256 hash.
public enum CustomerKey {
    /// A new random key, `sk-` followed by 48 letters and digits.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "sk-" + String((0..<48).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    /// The hex SHA-256 of the key: what the store keeps and looks up by.
    public static func hash(_ key: some StringProtocol) -> String {
        Hex.encode(SHA256.hash(data: Data(key.utf8)))
    }

    /// A hint an operator can recognise a key by, without revealing it: `sk-…wxyz`.
    public static func hint(_ key: String) -> String {
        "sk-…" + key.suffix(4)
    }
}
