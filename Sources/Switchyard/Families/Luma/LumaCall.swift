extension TaskCall {
    /// A validated Luma create call: `echo` is the `request` object customers see, `upstreamBody` what Luma gets
    /// (generation keyframes still in Switchyard ids until the engine resolves them).
    static func luma(
        generationType: String, model: String, echo: JSONObject, upstreamBody: JSONObject, upstreamPath: String, priceFacts: [String: String],
        callbackURL: String?
    ) -> TaskCall {
        var call = TaskCall(action: generationType, model: model, request: echo, path: upstreamPath, upstreamBody: upstreamBody)
        call.priceFacts = priceFacts
        call.callbackURL = callbackURL
        call.mixedChannels = .invalidRequest("keyframes refer to generations made on different upstream accounts")
        return call
    }

    /// A keyframe that names an earlier generation of the caller's.
    static func lumaKeyframe(_ frame: String, generation id: String) -> Reference {
        Reference(
            kind: "generation", id: id, slot: .nested(["keyframes", frame, "id"]),
            notFound: .invalidRequest("keyframes.\(frame): generation \(id) not found"))
    }
}
