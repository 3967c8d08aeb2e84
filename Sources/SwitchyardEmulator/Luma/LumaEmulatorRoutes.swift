import Hummingbird

/// Luma's Dream Machine API, served under its official base path `/dream-machine/v1`.
///
/// Request counters are keyed by method and path relative to that base, e.g. "POST /generations/video" or
/// "GET /generations/{id}".
struct LumaEmulatorRoutes: Sendable {
    /// Official base path of the API; the emulator serves it unchanged so only the host differs.
    static let basePath = "/dream-machine/v1"
    /// Folder of this family's assets under `/media`.
    static let mediaFamily = "luma"

    /// Common request handling (counting, faults, key check, body reading) in Luma's `{"detail"}` vocabulary.
    let endpoint: EmulatorFamilyEndpoint<EmulatorDetailVocabulary>
    /// The generations of this instance.
    let store: LumaEmulatorStore

    /// Shortcut to the instance runtime.
    private var runtime: EmulatorRuntime { endpoint.runtime }

    /// Adds every Luma route to `router`.
    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(Self.basePath))

        // Creates. `POST /generations` is the original path of video creation; it also takes
        // generation_type "image" since the API's request union covers both.
        api.post("generations") { request, context in
            try await create("POST /generations", request, context) { body in
                if try body.string("generation_type") == LumaGenerationKind.image.rawValue {
                    return try LumaImageRequest.plan(body)
                }
                return try LumaVideoRequest.plan(body, generationExists: { store.generation($0) != nil })
            }
        }
        api.post("generations/video") { request, context in
            try await create("POST /generations/video", request, context) { body in
                try LumaVideoRequest.plan(body, generationExists: { store.generation($0) != nil })
            }
        }
        api.post("generations/image") { request, context in
            try await create("POST /generations/image", request, context) { body in
                try LumaImageRequest.plan(body)
            }
        }
        api.post("generations/video/modify") { request, context in
            try await create("POST /generations/video/modify", request, context) { body in
                try LumaEditRequests.modifyVideo(body)
            }
        }
        api.post("generations/video/reframe") { request, context in
            try await create("POST /generations/video/reframe", request, context) { body in
                try LumaEditRequests.reframeVideo(body)
            }
        }
        api.post("generations/image/reframe") { request, context in
            try await create("POST /generations/image/reframe", request, context) { body in
                try LumaEditRequests.reframeImage(body)
            }
        }
        api.post("generations/{id}/upscale") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await create("POST /generations/{id}/upscale", request, context) { body in
                try LumaEditRequests.upscale(body, source: try completedVideoSource(id))
            }
        }
        api.post("generations/{id}/audio") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await create("POST /generations/{id}/audio", request, context) { body in
                try LumaEditRequests.addAudio(body, source: try completedVideoSource(id))
            }
        }

        // Reads and deletes.
        api.get("generations") { request, context in
            try await read("GET /generations", request, context) {
                try list(request)
            }
        }
        api.get("generations/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await read("GET /generations/{id}", request, context) {
                runtime.clock.notePoll()
                guard let generation = store.generation(id) else {
                    throw EmulatorHTTPError.notFound("Generation not found")
                }
                store.noteShown(id, generation.state(at: runtime.clock.now, stepSeconds: runtime.stepSeconds))
                return EmulatorResponse.json(render(generation))
            }
        }
        api.delete("generations/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            if let generation = store.generation(id), generation.cancelsLate {
                await holdLateCancel(of: generation)
            }
            return try await read("DELETE /generations/{id}", request, context) {
                guard store.delete(id) else { throw EmulatorHTTPError.notFound("Generation not found") }
                return EmulatorResponse.empty(status: .noContent)
            }
        }
        api.get("generations/concepts/list") { request, context in
            try await read("GET /generations/concepts/list", request, context) {
                EmulatorResponse.json(.array(LumaCatalog.concepts.map { .string($0) }))
            }
        }
        api.get("generations/camera_motion/list") { request, context in
            try await read("GET /generations/camera_motion/list", request, context) {
                EmulatorResponse.json(.array(LumaCatalog.cameraMotions.map { .string($0) }))
            }
        }
        api.get("credits") { request, context in
            try await read("GET /credits", request, context) {
                EmulatorResponse.json(.object([("credit_balance", .double(LumaCatalog.creditBalance))]))
            }
        }
        api.get("ping") { request, context in
            try await read("GET /ping", request, context) {
                EmulatorResponse.json(.object([("message", .string("pong"))]))
            }
        }
    }

    // MARK: - Handling shared by the routes

    /// Runs a create route: the shared steps (a fault chosen by the header, a `[fault:<x>]` keyword in `prompt` or
    /// the fault mix), then validate with `plan`, store the generation and answer 201 with it.
    private func create(
        _ route: String,
        _ request: Request,
        _ context: EmulatorRequestContext,
        plan: (EmulatorJSONFields) throws -> LumaGenerationPlan
    ) async throws -> Response {
        try await endpoint.respond(
            route, request, context, successStatus: .created, readsBody: true,
            faults: .requested(keywordFields: ["prompt"])
        ) { call in
            // A generation has one output: `partial` means nothing here.
            let outcome = call.fault == .partial ? .succeeds : EmulatorJobOutcome(fault: call.fault)
            let generation = store.create(try plan(call.body), ownerKey: call.ownerKey, outcome: outcome)
            return EmulatorResponse.json(render(generation), status: .created)
        }
    }

    /// The `late-cancel` fault: waits until two GETs have shown `generation` in a later state than it has now (at
    /// most 10 s). A poller asks again only after it recorded the first answer, so the cancel is answered after the
    /// news was recorded; when nobody polls again (a final state), the second GET is the caller's signal. Counted as
    /// "DELETE /generations/{id} held" on arrival, so a test can move the clock once the cancel is waiting.
    private func holdLateCancel(of generation: LumaGeneration) async {
        let arrivedIn = generation.state(at: runtime.clock.now, stepSeconds: runtime.stepSeconds)
        runtime.recordRequest("DELETE /generations/{id} held")
        let deadline = ContinuousClock.now + .seconds(10)
        while store.timesShown(generation.id, laterThan: arrivedIn) < 2, ContinuousClock.now < deadline {
            guard await runtime.pause(seconds: 0.01) else { return }
        }
    }

    /// Runs a route that creates nothing: the shared steps, then `work`.
    private func read(
        _ route: String,
        _ request: Request,
        _ context: EmulatorRequestContext,
        _ work: () throws -> Response
    ) async throws -> Response {
        try await endpoint.respond(route, request, context) { _ in try work() }
    }

    /// The Generation object of `generation` as it stands now.
    private func render(_ generation: LumaGeneration) -> EmulatorJSON {
        generation.json(
            at: runtime.clock.now,
            stepSeconds: runtime.stepSeconds,
            mediaBaseURL: "\(runtime.rootURL)/media/\(Self.mediaFamily)"
        )
    }

    /// The source of an upscale or add-audio request: it must exist (404) and be a completed video (400).
    private func completedVideoSource(_ id: String) throws -> LumaGeneration {
        guard let source = store.generation(id) else { throw EmulatorHTTPError.notFound("Generation not found") }
        guard source.state(at: runtime.clock.now, stepSeconds: runtime.stepSeconds) == .completed else {
            throw EmulatorHTTPError.badRequest("Generation is not completed")
        }
        guard source.kind.producesVideo else {
            throw EmulatorHTTPError.badRequest("Generation is not a video")
        }
        return source
    }

    /// `GET /generations?limit=&offset=`: newest first, 10 per page by default.
    private func list(_ request: Request) throws -> Response {
        let limit = try queryInteger(request, "limit", default: 10, minimum: 1)
        let offset = try queryInteger(request, "offset", default: 0, minimum: 0)
        let page = store.page(limit: limit, offset: offset)
        return EmulatorResponse.json(
            .object([
                ("generations", .array(page.generations.map(render))),
                ("count", .int(page.generations.count)),
                ("has_more", .bool(offset + page.generations.count < page.total)),
                ("limit", .int(limit)),
                ("offset", .int(offset)),
            ]))
    }

    /// An integer query parameter: 422 when not an integer, 400 when below `minimum`.
    private func queryInteger(_ request: Request, _ name: String, default fallback: Int, minimum: Int) throws -> Int {
        guard let raw = request.uri.queryParameters[name[...]], !raw.isEmpty else { return fallback }
        guard let value = Int(raw) else {
            throw EmulatorHTTPError.unprocessable("\(name): Input should be a valid integer")
        }
        guard value >= minimum else {
            throw EmulatorHTTPError.badRequest("\(name): Input should be greater than or equal to \(minimum)")
        }
        return value
    }
}
