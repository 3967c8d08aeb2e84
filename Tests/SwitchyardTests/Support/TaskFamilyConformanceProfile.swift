import NIOHTTP1
@testable import Switchyard

/// What the conformance suite needs to drive one task family as its customers do: how to submit, where to read a
/// task back, how its answers name ids and states, how its errors look, and where its fault keyword goes.
struct TaskFamilyConformanceProfile: Sendable {
    /// A task's outcome as the family's task object tells it; nil while it is still running.
    enum Outcome: Sendable, Equatable {
        case succeeded
        case failed
    }

    /// A call that names one id the family published, made by someone who must not see it.
    struct IDProbe: Sendable {
        let kind: String
        let method: HTTPMethod
        let path: String
        let body: String?
    }

    /// The family's name in `FamilyModules.all`.
    let family: String
    /// The create path, from the gateway's root.
    let submitPath: String
    /// The status a successful create answers with.
    let createdStatus: Int
    /// A valid create body whose prompt is `prompt` (the emulator reads `[fault:<x>]` keywords there), with the
    /// family's callback field set when `callbackURL` is given.
    let body: @Sendable (_ prompt: String, _ callbackURL: String?) -> String
    /// The new task's id in the create answer.
    let submittedID: @Sendable (JSONValue) -> String?
    /// The path a customer reads one task back at.
    let fetchPath: @Sendable (String) -> String
    /// The task object inside a fetch answer (the callback payload has the same shape).
    let taskObject: @Sendable (JSONValue) -> JSONValue?
    /// The task's id in a task object.
    let taskID: @Sendable (JSONValue) -> String?
    /// The task's outcome in a task object.
    let outcome: @Sendable (JSONValue) -> Outcome?
    /// Calls on every id kind a finished task of `owner`'s publishes (its own id included), for a stranger to try.
    let idProbes: @Sendable (_ task: JSONValue) -> [IDProbe]
    /// The path that deletes a task, for a family that has delete.
    let deletePath: (@Sendable (String) -> String)?
    /// The message of an error answer when it has the family's error shape; nil when the shape is wrong.
    let errorMessage: @Sendable (JSONValue?) -> String?
    /// Bad create bodies and the 4xx each must get.
    let badBodies: [(body: String, status: Int)]
    /// Headers every call of the family carries besides the key (Runway's `X-Runway-Version`).
    var headers: [(String, String)] = []
    /// False for a family whose API has no callback field (Runway): the callback guarantee does not apply.
    var takesCallbacks = true
}
