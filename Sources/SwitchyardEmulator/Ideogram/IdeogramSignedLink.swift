import Foundation

/// Ideogram's expiring image links: `.../ephemeral/<file>?exp=<epoch seconds>&sig=<hex>`. The signature binds the
/// file to its expiry with a secret of this emulator instance, so a link cannot be extended by editing `exp`; once
/// the emulator clock passes `exp`, the link answers 403 as Ideogram's do.
struct IdeogramSignedLink: Sendable {
    /// The instance's signing secret.
    let secret: UInt64

    init(secret: UInt64 = UInt64.random(in: 1...UInt64.max)) {
        self.secret = secret
    }

    /// The query of a link to `file` that works until `expiry` (epoch seconds).
    func query(file: String, expiry: Int) -> String {
        "exp=\(expiry)&sig=\(signature(file: file, expiry: expiry))"
    }

    /// Whether `sig` signs `file` until `expiry`.
    func verifies(file: String, expiry: Int, sig: String) -> Bool {
        sig == signature(file: file, expiry: expiry)
    }

    /// FNV-1a over the secret, the file and the expiry: enough for an emulator, which guards nothing of value.
    private func signature(file: String, expiry: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("\(secret)|\(file)|\(expiry)".utf8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
