/// A validated Luma create call: what to echo to the customer, what to send upstream, and what prices it.
struct LumaCall: Sendable {
    var generationType: String
    var model: String
    /// The `request` object customers see: what they asked, defaults filled.
    var echo: JSONObject
    /// The upstream body; generation references still carry Switchyard ids until translated.
    var upstreamBody: JSONObject
    var upstreamPath: String
    var priceFacts: [String: String]
    var callbackURL: String?
    /// Keyframes that name earlier generations: (frame key, Switchyard id).
    var generationReferences: [(frame: String, id: String)] = []
}
