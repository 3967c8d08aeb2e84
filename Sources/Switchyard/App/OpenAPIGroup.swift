/// A group of documented routes: the tag they are listed under, the keys they take and the error body they answer
/// with. Each family declares its own in its folder (`OpenAPIGroup.luma`); the document lists the groups in the
/// order of the module list.
struct OpenAPIGroup: Sendable {
    let tag: String
    /// The name of the component schema of the group's error body.
    let errorSchema: String
    /// That schema, when this group defines it (a group may answer in another's shape and only name it).
    var errorBody: JSONValue?
    /// Which keys the group's routes take.
    let security: JSONValue

    /// A Switchyard key as a Bearer token.
    static let bearer: JSONValue = .array([.object(["bearer": .array([])])])
    /// A Switchyard key as `x-api-key` (Anthropic's clients) or as a Bearer token.
    static let apiKeyOrBearer: JSONValue = .array([.object(["apiKey": .array([])]), .object(["bearer": .array([])])])
    /// An administrator's key.
    static let adminBearer: JSONValue = .array([.object(["adminBearer": .array([])])])

    /// The gateway's own operational routes (`/health`, `/metrics`, `/openapi.json`): no key, OpenAI's error shape.
    static let operational = OpenAPIGroup(tag: "Operations", errorSchema: "OpenAIError", errorBody: nil, security: .array([]))
}
