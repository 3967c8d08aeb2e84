/// A validated Udio generate call: what to send upstream, the caller's song it extends (if any), and how to route it.
struct UdioCall: Sendable {
    /// `model_type`: prices and routes the task.
    var model: String
    /// The customer's body as accepted (Switchyard ids).
    var request: JSONObject
    /// `gen_params` for the upstream; a source song id is translated before it is sent.
    var upstreamParams: JSONObject
    /// The caller's song id named by `gen_params.config.source.song_id`.
    var sourceSongID: String?
    var callbackURL: String?
}
