import Hummingbird

/// The Pika relay on the emulator, under `/pika`: `POST /generate` answers `{"id"}`, `GET /feed/{id}` the video
/// (queued while waiting, pending with progress while working, then finished with its MP4 and poster, or error).
/// A video is its creator's only; `[fault:fail]` in `promptText` ends it in error.
struct PikaEmulatorRoutes: Sendable {
    static let basePath = "/pika"
    static let mediaFolder = "pika"
    static let models = ["2.2", "2.1", "2.0", "1.5"]
    static let pikaffects: Set<String> = [
        "Levitate", "Explode", "Melt", "Squish", "Inflate", "Crush", "Cake-ify", "Dissolve", "Deflate", "Crumble", "Ta-da", "Eye-pop", "Decapitate",
    ]

    let endpoint: EmulatorFamilyEndpoint<PikaErrorVocabulary>
    let store: EmulatorRecordStore<PikaVideo>
    let clock: EmulatorClock

    var runtime: EmulatorRuntime { endpoint.runtime }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(Self.basePath))
        api.post("generate") { request, context in
            try await endpoint.respond("POST /pika/generate", request, context, readsBody: true, faults: .requested(keywordFields: ["promptText"])) {
                call in
                let plan = try Self.plan(call.body)
                let video = store.submit(plan, ownerKey: call.ownerKey, outcome: EmulatorJobOutcome(fault: call.fault), clock: clock)
                return EmulatorResponse.json(.object([("id", .string(video.id))]))
            }
        }
        api.get("feed/{id}") { request, context in
            try await endpoint.respond("GET /pika/feed/{id}", request, context) { call in
                runtime.clock.notePoll()
                guard let id = context.parameters.get("id"), let video = store.record(id), video.ownerKey == call.ownerKey else {
                    throw EmulatorHTTPError.notFound("Video not found")
                }
                return EmulatorResponse.json(render(video))
            }
        }
    }

    /// The feed object of `video` now.
    private func render(_ video: PikaVideo) -> EmulatorJSON {
        var status = "queued"
        var progress = EmulatorJSON.int(0)
        var urls: [(String, EmulatorJSON)] = [("resultUrl", .null), ("sharingUrl", .null), ("videoPoster", .null), ("imageThumb", .null)]
        var error = EmulatorJSON.null
        switch video.phase(runtime) {
        case .waiting: break
        case .working(let fraction):
            status = "pending"
            progress = .int(max(1, Int(fraction * 100)))
        case .finished where video.outcome.jobFails:
            status = "error"
            progress = .null
            error = .string("Generation failed (emulated)")
        case .finished:
            status = "finished"
            progress = .int(100)
            let media = endpoint.mediaBaseURL(Self.mediaFolder)
            urls = [
                ("resultUrl", .string("\(media)/\(video.id).mp4")), ("sharingUrl", .null),
                ("videoPoster", .string("\(media)/\(video.id).jpg")), ("imageThumb", .string("\(media)/\(video.id).jpg")),
            ]
        }
        let item = EmulatorJSON.object(
            [("id", .string(video.id)), ("status", .string(status)), ("seed", .int(video.plan.seed))] + urls + [
                ("duration", .int(video.plan.duration)), ("error", error), ("progress", progress),
            ])
        return .object([("id", .string(video.id)), ("promptText", .string(video.plan.promptText)), ("videos", .array([item]))])
    }

    /// Validates a generate body as the relay does (400 naming the field).
    static func plan(_ body: EmulatorJSONFields) throws -> PikaVideoPlan {
        let model = try body.string("model") ?? "2.2"
        guard models.contains(model) else { throw EmulatorHTTPError(status: .badRequest, detail: "model: unknown model \(model)") }
        let prompt = try body.string("promptText") ?? ""
        let effect = try body.string("pikaffect").flatMap { $0.isEmpty ? nil : $0 }
        if let effect {
            guard pikaffects.contains(effect) else { throw EmulatorHTTPError(status: .badRequest, detail: "pikaffect: unknown effect \(effect)") }
            guard !(try body.string("image") ?? "").isEmpty else {
                throw EmulatorHTTPError(status: .badRequest, detail: "image: required with a pikaffect")
            }
        } else if prompt.isEmpty {
            throw EmulatorHTTPError(status: .badRequest, detail: "promptText: required")
        }
        let options = try body.object("options")
        let parameters = try options?.object("parameters")
        let duration = try options?.int("duration") ?? 5
        guard [5, 10].contains(duration) else { throw EmulatorHTTPError(status: .badRequest, detail: "options.duration: must be 5 or 10") }
        return PikaVideoPlan(
            promptText: prompt, model: model, pikaffect: effect, seed: try parameters?.int("seed") ?? Int.random(in: 0...Int(UInt32.max)),
            duration: duration)
    }
}
