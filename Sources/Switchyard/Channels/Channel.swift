/// One upstream account an operator configured: where to send a family's calls, with which secret, for which models.
public struct Channel: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let family: String
    /// What the provider's official SDK takes as its base URL (Luma: `https://api.lumalabs.ai/dream-machine/v1`).
    public let baseURL: String
    public let credential: UpstreamCredential
    public let models: [String]
    /// Higher tiers are tried first.
    public let priority: Int
    /// Share of traffic inside a tier.
    public let weight: Int
    public let status: String

    public var isEnabled: Bool { status == "enabled" }

    public func serves(model: String) -> Bool { models.contains(model) || models.contains("*") }
}
