import NIOHTTP1

extension TaskCall {
    /// A validated Suno call; clip and persona ids in it are translated by the engine.
    static func suno(
        action: SunoAction, model: String, request: JSONObject, method: HTTPMethod = .POST, path: String, upstreamBody: JSONObject? = nil,
        callbackURL: String? = nil, route: ChannelRoute = .byModel
    ) -> TaskCall {
        var call = TaskCall(action: action.rawValue, model: model, request: request, path: path, upstreamBody: upstreamBody)
        call.method = method
        call.callbackURL = callbackURL
        call.route = route
        call.mixedChannels = .invalidRequest("The referenced clips were made on different upstream accounts")
        return call
    }

    /// The call's action as Suno names it.
    var sunoAction: SunoAction {
        get { SunoAction(rawValue: action) ?? .music }
        set { action = newValue.rawValue }
    }

    /// A clip or persona of the caller's, named in the call.
    static func sunoReference(kind: String, id: String, slot: Reference.Slot) -> Reference {
        Reference(kind: kind, id: id, slot: slot, notFound: .notFound(kind == "persona" ? "Persona \(id)" : "Clip \(id)"))
    }
}
