import Foundation
import Hummingbird

/// Black Forest Labs' API on the emulator, under `/bfl`: `POST /v1/{model}`, `GET /v1/get_result?id=`,
/// `GET /v1/credits`, and the delivery of samples at signed URLs that expire ten emulated minutes after the task is
/// Ready (then 403), as BFL's delivery URLs do.
///
/// Request counters are keyed "POST /bfl/v1/{model}", "GET /bfl/v1/get_result", "GET /bfl/v1/credits" and
/// "GET /bfl/delivery/{id}/{file}".
struct FluxEmulatorRoutes: Sendable {
    let endpoint: FluxEmulatorEndpoint
    let store: FluxEmulatorStore

    var runtime: EmulatorRuntime { endpoint.runtime }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(FluxCatalog.basePath + "/v1"))
        api.get("get_result") { request, context in
            try await endpoint.respond("GET /bfl/v1/get_result", request, context) { call in
                runtime.clock.notePoll()
                let id = request.uri.queryParameters["id"].map(String.init) ?? ""
                guard !id.isEmpty else { throw FluxValidationError(location: ["query", "id"], message: "Field required", type: "missing") }
                guard let task = store.task(id), task.ownerKey == call.ownerKey else {
                    let body = EmulatorJSON.object([
                        ("id", .string(id)), ("status", .string("Task not found")), ("result", .null), ("progress", .null), ("details", .null),
                    ])
                    return EmulatorResponse.json(body, status: .notFound)
                }
                return EmulatorResponse.json(render(task))
            }
        }
        api.get("credits") { request, context in
            try await endpoint.respond("GET /bfl/v1/credits", request, context) { _ in
                EmulatorResponse.json(.object([("credits", .double(FluxCatalog.credits))]))
            }
        }
        api.post("{model}") { request, context in
            try await endpoint.respond("POST /bfl/v1/{model}", request, context, submits: true) { call in
                let model = context.parameters.get("model") ?? ""
                guard let kind = FluxCatalog.models[model] else { throw EmulatorHTTPError.notFound("Not Found") }
                let plan = try FluxCreateRequest.plan(model: model, kind: kind, call.body)
                let task = store.submit(plan, ownerKey: call.ownerKey, fault: call.fault)
                return EmulatorResponse.json(
                    .object([
                        ("id", .string(task.id)), ("polling_url", .string("\(runtime.rootURL)\(FluxCatalog.basePath)/v1/get_result?id=\(task.id)")),
                    ]))
            }
        }
        router.get(RouterPath(FluxCatalog.deliveryPath + "/{id}/{file}")) { request, context in
            try await endpoint.endpoint.respond(route: "GET /bfl/delivery/{id}/{file}", successStatus: .ok, context: context) {
                try deliver(request, context)
            }
        }
    }

    /// The sample of a Ready task, while its URL's signature and expiry hold.
    private func deliver(_ request: Request, _ context: EmulatorRequestContext) throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard let task = store.task(id), task.plan.moderation == .none, !task.outcome.jobFails, task.phase(runtime) == .finished,
            context.parameters.get("file") == "sample.\(task.plan.outputFormat)"
        else { throw EmulatorHTTPError.notFound("The specified blob does not exist.") }
        let query = request.uri.queryParameters
        guard let expiry = sampleExpiry(task), query["exp"].map(String.init) == String(expiry), query["sig"].map(String.init) == store.signature(id)
        else { throw EmulatorHTTPError(status: .forbidden, detail: "Signature did not match") }
        guard now <= Double(expiry) else { throw EmulatorHTTPError(status: .forbidden, detail: "Signature not valid in the specified time frame") }
        let (bytes, type) = task.plan.outputFormat == "png" ? (EmbeddedMedia.imagePNG, "image/png") : (EmbeddedMedia.imageJPEG, "image/jpeg")
        return Response(
            status: .ok, headers: [.contentType: type, .contentLength: String(bytes.count)], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The emulated wall time now, in epoch seconds.
    private var now: Double {
        runtime.clock.wallTime(of: runtime.clock.now).timeIntervalSince1970
    }

    /// When the sample URL of `task` stops working, in epoch seconds; nil before the task is Ready.
    private func sampleExpiry(_ task: FluxTask) -> Int? {
        guard let finished = task.timeline.finishTime(in: task.phase(runtime), stepSeconds: runtime.stepSeconds) else { return nil }
        return finished + Int(FluxCatalog.sampleLifetimeSeconds)
    }

    /// The get_result object of `task` as it stands now.
    private func render(_ task: FluxTask) -> EmulatorJSON {
        let phase = task.phase(runtime)
        var status = "Pending"
        var result = EmulatorJSON.null
        var progress = EmulatorJSON.null
        var details = EmulatorJSON.null
        let moderated = EmulatorJSON.object([("Moderation Reasons", .array([.string(FluxCatalog.moderationReason)]))])
        switch phase {
        case _ where task.plan.moderation == .request:
            status = "Request Moderated"
            details = moderated
        case .waiting:
            progress = .double(0)
        case .working(let fraction):
            progress = .double(max(0.01, (fraction * 100).rounded() / 100))
        case .finished where task.outcome.jobFails:
            status = "Error"
            details = .object([("message", .string(FluxCatalog.emulatedFailure))])
        case .finished where task.plan.moderation == .content:
            status = "Content Moderated"
            details = moderated
        case .finished:
            status = "Ready"
            progress = .double(1)
            result = sample(task, phase: phase)
        }
        return .object([("id", .string(task.id)), ("status", .string(status)), ("result", result), ("progress", progress), ("details", details)])
    }

    /// The `result` of a Ready task: its signed sample URL and what made it.
    private func sample(_ task: FluxTask, phase: EmulatorTimeline.Phase) -> EmulatorJSON {
        let start = task.timeline.startTime(in: phase, stepSeconds: runtime.stepSeconds) ?? task.timeline.submitTime
        let end = task.timeline.finishTime(in: phase, stepSeconds: runtime.stepSeconds) ?? start
        let url =
            "\(runtime.rootURL)\(FluxCatalog.deliveryPath)/\(task.id)/sample.\(task.plan.outputFormat)?exp=\(sampleExpiry(task) ?? 0)&sig=\(store.signature(task.id) ?? "")"
        return .object([
            ("sample", .string(url)), ("prompt", .string(task.plan.prompt)), ("seed", .int(task.plan.seed)), ("start_time", .int(start)),
            ("end_time", .int(end)), ("duration", .double(Double(max(0, end - start)))),
        ])
    }
}
