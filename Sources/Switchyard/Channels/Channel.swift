/// One upstream account an operator configured: where to send a family's calls, with which secret, for which models.
public struct Channel: Sendable, Equatable {
    public init(
        id: Int64, name: String, family: String, baseURL: String, credential: UpstreamCredential, models: [String], priority: Int, weight: Int,
        status: String, modelMapping: [String: String] = [:], timeoutMillis: Int64? = nil, statusReason: String? = nil
    ) {
        self.id = id
        self.name = name
        self.family = family
        self.baseURL = baseURL
        self.credential = credential
        self.models = models
        self.priority = priority
        self.weight = weight
        self.status = status
        self.modelMapping = modelMapping
        self.timeoutMillis = timeoutMillis
        self.statusReason = statusReason
    }

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
    /// The customer's model name → the upstream's, where they differ.
    public var modelMapping: [String: String] = [:]
    /// This channel's own deadline, overriding the gateway's.
    public var timeoutMillis: Int64?
    /// Why the channel is not enabled (for operators), e.g. "upstream refused the key (HTTP 401)".
    public var statusReason: String?

    public var isEnabled: Bool { status == "enabled" }

    /// Whether the channel serves `model`: named exactly, matched by a pattern ending in `*` (`*` for every model,
    /// `black-forest-labs/*` for an owner's), or mapped.
    public func serves(model: String) -> Bool {
        models.contains { pattern in
            pattern == model || (pattern.hasSuffix("*") && model.hasPrefix(pattern.dropLast()))
        } || modelMapping[model] != nil
    }

    /// The name the upstream knows `model` by.
    public func upstreamModel(for model: String) -> String { modelMapping[model] ?? model }
}
