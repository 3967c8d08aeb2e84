import Foundation
import HTTPTypes
import Hummingbird

/// Runway's API under `/runwayml/v1` on the emulator: creates answer `{"id"}`, a task moves PENDING (THROTTLED for
/// `[fault:throttled]`) → RUNNING with `progress` → SUCCEEDED with an MP4 or PNG the emulator serves, or FAILED
/// (`[fault:fail]`: INTERNAL; `[fault:safety]`: SAFETY.INPUT.TEXT). Every call needs `X-Runway-Version`.
///
/// Request counters are keyed like "POST /v1/image_to_video", "GET /v1/tasks/{id}", "DELETE /v1/tasks/{id}".
struct RunwayEmulatorRoutes: Sendable {
    let endpoint: EmulatorFamilyEndpoint<RunwayEmulatorVocabulary>
    let store: RunwayEmulatorStore

    private var runtime: EmulatorRuntime { endpoint.runtime }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(RunwayEmulatorCatalog.basePath + "/v1"))
        for route in RunwayEmulatorRequest.routes {
            api.post(RouterPath(route)) { request, context in
                try await endpoint.respond(
                    "POST /v1/\(route)", request, context, readsBody: true, faults: .requested(keywordFields: ["promptText"])
                ) { call in
                    if let refusal = Self.versionRefusal(request) { return refusal }
                    let task = store.submit(try RunwayEmulatorRequest.plan(route, call.body), ownerKey: call.ownerKey, fault: call.fault)
                    return EmulatorResponse.json(.object([("id", .string(task.id))]))
                }
            }
        }
        api.get("tasks/{id}") { request, context in
            try await endpoint.respond("GET /v1/tasks/{id}", request, context) { call in
                if let refusal = Self.versionRefusal(request) { return refusal }
                runtime.clock.notePoll()
                guard let task = store.task(context.parameters.get("id") ?? "", ownerKey: call.ownerKey) else { return Self.notFound }
                return EmulatorResponse.json(render(task))
            }
        }
        api.delete("tasks/{id}") { request, context in
            try await endpoint.respond("DELETE /v1/tasks/{id}", request, context, successStatus: .noContent) { call in
                if let refusal = Self.versionRefusal(request) { return refusal }
                guard let task = store.task(context.parameters.get("id") ?? "", ownerKey: call.ownerKey) else { return Self.notFound }
                let live = task.phase(runtime) != .finished && !store.isCancelled(task.id)
                store.cancelOrDelete(task, live: live)
                return EmulatorResponse.empty(status: .noContent)
            }
        }
        api.get("organization") { request, context in
            try await endpoint.respond("GET /v1/organization", request, context) { _ in
                if let refusal = Self.versionRefusal(request) { return refusal }
                let balance = EmulatorJSON.int(RunwayEmulatorCatalog.creditBalance)
                return EmulatorResponse.json(
                    .object([
                        ("creditBalance", balance),
                        ("tier", .object([("maxMonthlyCreditSpend", balance), ("models", .object([]))])),
                        ("usage", .object([("models", .object([]))])),
                    ]))
            }
        }
    }

    private static let notFound = RunwayEmulatorVocabulary.error(.notFound, "Task not found")

    /// A 400 for a missing or unknown `X-Runway-Version`, as Runway answers it; nil when the version is known.
    static func versionRefusal(_ request: Request) -> Response? {
        let value = HTTPField.Name("X-Runway-Version").flatMap { request.headers[$0] }
        guard let value, RunwayEmulatorCatalog.versions.contains(value) else {
            let known = RunwayEmulatorCatalog.versions.joined(separator: ", ")
            return RunwayEmulatorVocabulary.error(
                .badRequest, value == nil ? "The X-Runway-Version header is required (\(known))" : "Unsupported X-Runway-Version: \(value ?? "")")
        }
        return nil
    }

    /// The task object as it stands now.
    private func render(_ task: RunwayTask) -> EmulatorJSON {
        var members: [(String, EmulatorJSON)] = [
            ("id", .string(task.id)), ("createdAt", .string(EmulatorTimestamp.iso8601Milliseconds(task.timeline.submittedAt))),
        ]
        let failure = task.plan.refusedByModeration ? RunwayEmulatorCatalog.safetyFailure : RunwayEmulatorCatalog.internalFailure
        switch (task.phase(runtime), store.isCancelled(task.id)) {
        case (_, true):
            members.append(("status", .string("CANCELLED")))
        case (.waiting, _):
            members.append(("status", .string(task.plan.throttled ? "THROTTLED" : "PENDING")))
        case (.working(let fraction), _):
            members += [("status", .string("RUNNING")), ("progress", .double((fraction * 100).rounded() / 100))]
        case (.finished, _) where task.outcome.jobFails || task.plan.refusedByModeration:
            members += [("status", .string("FAILED")), ("failure", .string(failure.0)), ("failureCode", .string(failure.1))]
        case (.finished, _):
            let file = "\(endpoint.mediaBaseURL(RunwayEmulatorCatalog.mediaFamily))/\(task.id).\(task.plan.makesImage ? "png" : "mp4")"
            members += [("status", .string("SUCCEEDED")), ("output", .array([.string(file)]))]
        }
        return .object(members)
    }
}
