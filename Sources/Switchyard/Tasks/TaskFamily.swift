/// What the task engine needs from an asynchronous family: how to submit and poll upstream, how to read the
/// answers, and how to show a task to its customer. Pure: no I/O, no web framework.
public protocol TaskFamily: Sendable {
    /// The family's name in channels, prices and tasks (`luma`, `suno`, …).
    var name: String { get }
    /// How this family's channels authenticate upstream.
    var authorizer: any UpstreamAuthorizer { get }
    /// The states whose arrival is posted to the customer's callback URL.
    var callbackStates: Set<TaskState> { get }

    /// The upstream create call for a stored task.
    func submitRequest(for task: TaskRecord) throws -> UpstreamRequest
    /// Reads the upstream's answer to a create (HTTP-200 errors are classified here too). A call that the upstream
    /// answers at once is accepted with a terminal observation.
    func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome
    /// The upstream status call for a submitted task.
    func pollRequest(for task: TaskRecord) -> UpstreamRequest
    /// Reads the upstream's answer to a status call.
    func parsePoll(_ response: UpstreamResponse) -> PollOutcome
    /// The customer-facing object of a task (query answers and callback payloads), as JSON text.
    func render(_ task: TaskRecord) -> String
    /// The states whose arrival is posted to this task's callback URL (a family whose customers filter events per
    /// task reads the filter from the task's request); `callbackStates` by default.
    func callbackStates(of task: TaskRecord) -> Set<TaskState>
    /// Whether the callback URL also hears of changes within a state (Midjourney's progress), not only arrivals.
    var reportsEveryChange: Bool { get }
    /// A new public task id in the family's look (Luma UUIDs, Midjourney digit strings).
    func newTaskID() -> String
    /// The seconds the upstream measured for a finished task (Replicate's `predict_time`), which settle a task priced
    /// per second; nil (the default) when the family's upstream reports none.
    func measuredSeconds(in observation: TaskObservation) -> Double?
    /// The URLs of a finished task's `result` that are files the media store copies. By default every absolute
    /// http(s) URL; a family whose results also carry links that are no files (a polling URL, a web page) names
    /// its files here.
    func mediaURLs(in result: JSONValue) -> [String]
    /// Whether the family's model names are open-ended, known only from what its channels name (Replicate's
    /// `owner/name`), rather than a list of its own: then a model no channel names is unknown (404), not unserved.
    var modelsAreNamedByChannels: Bool { get }
}

extension TaskFamily {
    public func callbackStates(of task: TaskRecord) -> Set<TaskState> { callbackStates }
    public var reportsEveryChange: Bool { false }
    public func newTaskID() -> String { PublicID.uuid() }
    public func measuredSeconds(in observation: TaskObservation) -> Double? { nil }
    public func mediaURLs(in result: JSONValue) -> [String] { result.httpURLs() }
    public var modelsAreNamedByChannels: Bool { false }
}

/// A family whose upstream can cancel or delete a task.
public protocol CancellableTaskFamily: TaskFamily {
    func cancelRequest(for task: TaskRecord) -> UpstreamRequest
}

/// The upstream's verdict on a create call.
public enum SubmitOutcome: Sendable {
    /// Accepted: the upstream's id and what it said about the task.
    case accepted(upstreamID: String, observation: TaskObservation)
    /// Refused for a reason of the request itself: no other channel would do better.
    case rejected(GatewayError)
}

/// The upstream's answer to a status call.
public enum PollOutcome: Sendable {
    case observed(TaskObservation)
    /// The upstream no longer knows the task.
    case missing
    /// Nothing learned this time (error status, unreadable body); poll again later.
    case unknown(String)
}

/// Which channels may run a call.
public enum ChannelRoute: Sendable, Equatable {
    /// Enabled channels of the family that serve the call's model.
    case byModel
    /// Any enabled channel of the family (calls that name no model, such as lyrics or uploads).
    case anyChannel
    /// Only this channel: follow-ups on a result it made.
    case pinned(Int64)
}
