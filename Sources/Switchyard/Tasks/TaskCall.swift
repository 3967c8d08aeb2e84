import NIOHTTP1

/// A validated task call of any family: what to send upstream, what the customer sees of it, what prices it, and
/// the customer's ids of earlier artifacts in it, which the engine translates (`TaskEngine.resolveReferences`).
public struct TaskCall: Sendable {
    /// A customer id of an earlier artifact, and where its upstream id goes.
    public struct Reference: Sendable {
        /// Where the upstream id is written.
        public enum Slot: Sendable, Equatable {
            /// Appended to the upstream path, as one path segment.
            case pathSuffix
            /// A field of the upstream body.
            case field(String)
            /// One element of an array field of the upstream body.
            case element(String, index: Int)
            /// A nested field of the upstream body (`keyframes.frame0.id`).
            case nested([String])
        }

        public var kind: String
        public var id: String
        public var slot: Slot
        /// What the customer is told when no artifact of this kind with this id is theirs.
        public var notFound: GatewayError

        public init(kind: String, id: String, slot: Slot, notFound: GatewayError) {
            self.kind = kind
            self.id = id
            self.slot = slot
            self.notFound = notFound
        }
    }

    /// The action that prices it (`video`, `music`…).
    public var action: String
    /// The model that prices and routes it.
    public var model: String
    /// The `request` object customers see: what they asked, defaults filled, in Switchyard ids.
    public var request: JSONObject
    public var method: HTTPMethod = .POST
    /// The upstream path; references with `.pathSuffix` are appended when resolved.
    public var path: String
    /// The upstream body; references still carry Switchyard ids until resolved.
    public var upstreamBody: JSONObject?
    /// Facts that price the call besides family, model and action (duration, resolution…).
    public var priceFacts: [String: String] = [:]
    public var callbackURL: String?
    /// Which channels may run it; a call that names earlier artifacts is pinned to the channel that made them.
    public var route: ChannelRoute = .byModel
    public var references: [Reference] = []
    /// What the customer is told when the references were made on different channels (no one upstream account
    /// knows them all).
    public var mixedChannels = GatewayError.invalidRequest("The referenced artifacts were made on different upstream accounts")

    public init(action: String, model: String, request: JSONObject, path: String, upstreamBody: JSONObject?) {
        self.action = action
        self.model = model
        self.request = request
        self.path = path
        self.upstreamBody = upstreamBody
    }
}
