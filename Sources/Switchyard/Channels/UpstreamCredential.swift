import Foundation

/// A channel's secret as configured: one key for most providers, a key pair where the provider signs tokens
/// (Kling: access key + secret key), plus provider-specific extras. Each family's `UpstreamAuthorizer` turns it
/// into headers; the executor never looks inside.
public struct UpstreamCredential: Sendable, Codable, Equatable {
    /// The key, or several keys separated by commas, used in turn.
    public var key: String
    public var secret: String?
    public var extras: [String: String]?

    public init(key: String, secret: String? = nil, extras: [String: String]? = nil) {
        self.key = key
        self.secret = secret
        self.extras = extras
    }

    /// The keys of a channel that has several.
    public var keys: [String] { key.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    /// How many keys the channel has (without splitting the common single key).
    public var keyCount: Int { key.utf8.contains(UInt8(ascii: ",")) ? max(keys.count, 1) : 1 }

    /// This credential with only its `turn`-th key (keys are used in turn, call by call; `turn` wraps around).
    public func selectingKey(turn: Int) -> UpstreamCredential {
        // Most channels have one key: no need to split it on every call.
        guard key.utf8.contains(UInt8(ascii: ",")) else { return self }
        let keys = self.keys
        guard keys.count > 1 else { return self }
        var selected = self
        selected.key = keys[turn % keys.count]
        return selected
    }
}
