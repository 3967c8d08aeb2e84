/// One synchronous endpoint a customer calls, and where it goes upstream.
public struct RelayEndpoint: Sendable {
    /// The family whose dialect the customer speaks (a same-family channel serves it as it is).
    public let family: String
    /// The path under a same-family channel's base URL.
    public let upstreamPath: String
    /// How a channel of another family can serve it, by family; empty when only the same family can.
    public let translations: [String: TranslatedRoute]
    /// Whether the body is JSON (false for multipart uploads).
    public let isJSON: Bool
    /// How its calls are measured and priced.
    public let meter: UsageMeter

    public struct TranslatedRoute: Sendable {
        public let upstreamPath: String
        public let translator: any ChatTranslator
    }
}
