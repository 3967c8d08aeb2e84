import NIOHTTP1

/// A validated Suno call: what to send upstream, which customer ids in it must be translated, and how to route it.
struct SunoCall: Sendable {
    /// An id the customer named, and where it sits in the upstream body (`index` for arrays).
    struct Reference: Sendable {
        var field: String
        var index: Int?
        var id: String
        var kind: String
    }

    var action: SunoAction
    /// The model that prices and routes it; for calls on a clip, replaced by the clip's model.
    var model: String
    var request: JSONObject
    var method: HTTPMethod = .POST
    var path: String
    var upstreamBody: JSONObject?
    var references: [Reference] = []
    var callbackURL: String?
    var route: ChannelRoute = .byModel
}
