import Foundation
import Hummingbird

/// MiniMax's API on the emulator, under `/minimax`: `POST /v1/video_generation`, `GET /v1/query/video_generation`,
/// `GET /v1/files/retrieve` (a file is its creator's only), and the videos at `/media/minimax/<file_id>.mp4`.
/// Phases: Queueing while waiting, Processing while working, then Success (with `file_id`) or Fail.
struct MiniMaxEmulatorRoutes: Sendable {
    let endpoint: EmulatorFamilyEndpoint<MiniMaxErrorVocabulary>
    let store: EmulatorRecordStore<MiniMaxTask>
    let clock: EmulatorClock

    var runtime: EmulatorRuntime { endpoint.runtime }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(MiniMaxCatalog.basePath + "/v1"))
        api.post("video_generation") { request, context in
            try await endpoint.respond(
                "POST /minimax/v1/video_generation", request, context, readsBody: true, faults: .requested(keywordFields: ["prompt"])
            ) { call in
                let plan = try Self.plan(call.body)
                let task = store.submit(plan, ownerKey: call.ownerKey, outcome: EmulatorJobOutcome(fault: call.fault), clock: clock)
                return EmulatorResponse.json(.object([("task_id", .string(task.id)), ("base_resp", MiniMaxCatalog.baseResp(0, "success"))]))
            }
        }
        api.get("query/video_generation") { request, context in
            try await endpoint.respond("GET /minimax/v1/query/video_generation", request, context) { call in
                runtime.clock.notePoll()
                let id = request.uri.queryParameters["task_id"].map(String.init) ?? ""
                guard let task = store.record(id), task.ownerKey == call.ownerKey else {
                    throw MiniMaxRefusal(code: 2013, message: "invalid params, task_id not found")
                }
                return EmulatorResponse.json(render(task))
            }
        }
        api.get("files/retrieve") { request, context in
            try await endpoint.respond("GET /minimax/v1/files/retrieve", request, context) { call in
                let id = request.uri.queryParameters["file_id"].map(String.init) ?? ""
                guard let task = store.newestFirst().first(where: { String($0.plan.fileID) == id }), task.ownerKey == call.ownerKey,
                    finished(task)
                else { throw MiniMaxRefusal(code: 2013, message: "invalid params, file_id not found") }
                let url = "\(endpoint.mediaBaseURL(MiniMaxCatalog.mediaFolder))/\(task.plan.fileID).mp4"
                let file = EmulatorJSON.object([
                    ("file_id", .int(task.plan.fileID)), ("bytes", .int(EmbeddedMedia.videoMP4.count)),
                    ("created_at", .int(task.timeline.submitTime)), ("filename", .string("output.mp4")), ("purpose", .string("video_generation")),
                    ("download_url", .string(url)),
                ])
                return EmulatorResponse.json(.object([("file", file), ("base_resp", MiniMaxCatalog.baseResp(0, "success"))]))
            }
        }
    }

    /// Whether `task` ended with its file.
    private func finished(_ task: MiniMaxTask) -> Bool {
        task.phase(runtime) == .finished && !task.outcome.jobFails && !task.plan.sensitiveOutput
    }

    /// The query answer of `task` now.
    private func render(_ task: MiniMaxTask) -> EmulatorJSON {
        var status = "Queueing"
        var fileID = EmulatorJSON.string("")
        var size = (width: 0, height: 0)
        var base = MiniMaxCatalog.baseResp(0, "success")
        switch task.phase(runtime) {
        case .waiting: status = "Queueing"
        case .working: status = "Processing"
        case .finished where task.plan.sensitiveOutput:
            status = "Fail"
            base = MiniMaxCatalog.baseResp(1027)
        case .finished where task.outcome.jobFails:
            status = "Fail"
            base = MiniMaxCatalog.baseResp(1013, "video generation failed (emulated)")
        case .finished:
            status = "Success"
            fileID = .string(String(task.plan.fileID))
            size = task.plan.size
        }
        return .object([
            ("task_id", .string(task.id)), ("status", .string(status)), ("file_id", fileID), ("video_width", .int(size.width)),
            ("video_height", .int(size.height)), ("base_resp", base),
        ])
    }

    /// Validates a create body as MiniMax does (2013 for bad parameters) and plans the task; `[status:<code>]`
    /// markers in the prompt answer with MiniMax's refusals.
    static func plan(_ body: EmulatorJSONFields) throws -> MiniMaxTaskPlan {
        guard let model = try body.string("model"), MiniMaxCatalog.models.contains(model) else {
            throw MiniMaxRefusal(code: 2013, message: "invalid params, model")
        }
        let prompt = try body.string("prompt") ?? ""
        guard prompt.count <= 2_000 else { throw MiniMaxRefusal(code: 2013, message: "invalid params, prompt too long") }
        let duration = try body.int("duration") ?? 6
        guard [6, 10].contains(duration) else { throw MiniMaxRefusal(code: 2013, message: "invalid params, duration") }
        let resolution = try body.string("resolution") ?? (model.hasPrefix("MiniMax-Hailuo") ? "768P" : "720P")
        guard MiniMaxCatalog.resolutions.contains(resolution) else { throw MiniMaxRefusal(code: 2013, message: "invalid params, resolution") }
        if model.hasPrefix("I2V") || model == "MiniMax-Hailuo-2.3-Fast", (try body.string("first_frame_image") ?? "").isEmpty {
            throw MiniMaxRefusal(code: 2013, message: "invalid params, first_frame_image is required")
        }
        if model == "S2V-01", (try body.array("subject_reference") ?? []).isEmpty {
            throw MiniMaxRefusal(code: 2013, message: "invalid params, subject_reference is required")
        }
        let marker = MiniMaxCatalog.statusMarker(in: prompt)
        if let marker, marker != 1027 { throw MiniMaxRefusal(code: marker) }
        return MiniMaxTaskPlan(
            model: model, resolution: resolution, duration: duration, fileID: Int.random(in: 100_000_000_000_000...999_999_999_999_999),
            sensitiveOutput: marker == 1027)
    }
}
