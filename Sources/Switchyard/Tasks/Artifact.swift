/// A result a customer can name in later calls (a Luma generation, a Suno clip or persona…): Switchyard's public id
/// mapped to its owner, the upstream's id and the channel that made it, so follow-ups go there and nowhere else.
public struct Artifact: Sendable, Equatable {
    public let publicID: String
    public let kind: String
    public let taskID: String
    public let tokenID: String
    public let channelID: Int64
    public let upstreamID: String
    /// The model that made it, for rules such as "stems only for chirp-auk clips".
    public let model: String?
    /// The latest customer-facing object, with public ids, where the family keeps one (Suno clips for the feed).
    public let payload: JSONValue?
}

/// An upstream object found in a task's result that customers will address later.
public struct ProducedArtifact: Sendable, Equatable {
    public var kind: String
    public var upstreamID: String
    public var model: String?
    /// The object as the upstream sent it; stored with upstream ids replaced by public ones.
    public var payload: JSONValue?
    /// Use this public id instead of a new one (Luma: the generation's id is the task's id).
    public var publicID: String?

    public init(kind: String, upstreamID: String, model: String?, payload: JSONValue? = nil, publicID: String? = nil) {
        self.kind = kind
        self.upstreamID = upstreamID
        self.model = model
        self.payload = payload
        self.publicID = publicID
    }
}

/// A family whose results hold objects customers address later. The engine gives each one a public id and
/// rewrites the result so that customers only ever see public ids.
public protocol ArtifactProducingTaskFamily: TaskFamily {
    /// The addressable objects in an upstream result (upstream ids).
    func artifacts(in result: JSONValue, of task: TaskRecord) -> [ProducedArtifact]
    /// A new public id in the family's look.
    func newArtifactID(kind: String) -> String
}
