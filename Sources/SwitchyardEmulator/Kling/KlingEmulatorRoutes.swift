import Hummingbird

/// The Kling upstream, served under `/kling/v1/...` (Kling's own `/v1/...` paths behind the emulator's prefix):
/// every create path with its query by `task_id` or `external_task_id` and its paginated list, each call
/// authenticated by Kling's signed token.
///
/// Request counters are keyed like "POST /kling/v1/videos/text2video" and "GET /kling/v1/videos/text2video/{id}".
/// Prompt keywords: the shared `[fault:<x>]` ones, plus `[fault:policy]` (a 1301 content-policy refusal at create)
/// and `[fault:balance]` (a 1102 spent resource pack).
struct KlingEmulatorRoutes: Sendable {
    /// Every create path under `/v1/`.
    static let paths = [
        "videos/text2video", "videos/image2video", "videos/video-extend", "videos/lip-sync", "videos/effects", "images/generations",
        "images/kolors-virtual-try-on",
    ]
    /// Body fields whose keywords steer a create call's fault.
    private static let keywordFields = ["prompt", "input.text"]

    let family: EmulatorFamilyEndpoint<KlingVocabulary>
    let store: KlingEmulatorStore

    private var runtime: EmulatorRuntime { family.runtime }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(KlingCatalog.basePath + "/v1"))
        for path in Self.paths {
            let route = "\(KlingCatalog.basePath)/v1/\(path)"
            api.post(RouterPath(path)) { request, context in
                try await respond("POST \(route)", request, context, readsBody: true, faults: .requested(keywordFields: Self.keywordFields)) {
                    call, owner in
                    try refusal(in: call.body)
                    let plan = try KlingCreateRequest.plan(path: path, call.body) { try completeVideo($0, ownerKey: owner) }
                    if let external = plan.externalTaskID, store.hasExternalID(external, ownerKey: owner) {
                        throw KlingEmulatorError.invalidParameters("external_task_id \(external) is already used")
                    }
                    return render(store.submit(plan, ownerKey: owner, fault: call.fault))
                }
            }
            api.get(RouterPath(path + "/{id}")) { request, context in
                try await respond("GET \(route)/{id}", request, context) { _, owner in
                    runtime.clock.notePoll()
                    let id = context.parameters.get("id") ?? ""
                    guard let task = store.task(id, path: path, ownerKey: owner) else { throw KlingEmulatorError.notFound("task \(id) not found") }
                    return render(task)
                }
            }
            api.get(RouterPath(path)) { request, context in
                try await respond("GET \(route)", request, context) { _, owner in
                    let query = request.uri.queryParameters
                    let page = try Self.bounded(query["pageNum"].map(String.init), "pageNum", default: 1, 1...1_000)
                    let size = try Self.bounded(query["pageSize"].map(String.init), "pageSize", default: 30, 1...500)
                    let tasks = store.tasks(path: path, ownerKey: owner).dropFirst((page - 1) * size).prefix(size)
                    return .array(tasks.map(render))
                }
            }
        }
    }

    /// The shared steps behind Kling's token check, the answer in Kling's envelope.
    private func respond(
        _ route: String, _ request: Request, _ context: EmulatorRequestContext, readsBody: Bool = false,
        faults: EmulatorFamilyEndpoint<KlingVocabulary>.FaultSelection = .forcedOnly,
        _ work: (EmulatorFamilyEndpoint<KlingVocabulary>.Call, String) async throws -> EmulatorJSON
    ) async throws -> Response {
        let verifier = KlingTokenVerifier(
            keys: runtime.configuration.signingKeys, nowSeconds: runtime.clock.wallTime(of: runtime.clock.now).timeIntervalSince1970)
        let owner: String
        switch verifier.verify(request.headers[.authorization]) {
        case .success(let accessKey): owner = accessKey
        case .failure(let error):
            runtime.recordRequest(route)
            return error.response
        }
        return try await family.respond(route, request, context, readsBody: readsBody, faults: faults) { call in
            EmulatorResponse.json(
                .object([
                    ("code", .int(0)), ("message", .string("SUCCEED")), ("request_id", .string(EmulatorIdentifier.uuid())),
                    ("data", try await work(call, owner)),
                ]))
        }
    }

    /// The refusals a prompt asks for: a content-policy refusal or a spent balance.
    private func refusal(in body: EmulatorJSONFields) throws {
        let texts = [try body.string("prompt"), try body.object("input")?.string("text")].compactMap { $0?.lowercased() }
        if texts.contains(where: { $0.contains("[fault:policy]") }) { throw KlingEmulatorError.contentPolicy }
        if texts.contains(where: { $0.contains("[fault:balance]") }) { throw KlingEmulatorError.balanceDepleted }
    }

    /// The caller's finished video `id`, which extend and lip-sync take.
    private func completeVideo(_ id: String, ownerKey: String) throws -> KlingVideo {
        guard let (video, task) = store.video(id, ownerKey: ownerKey) else { throw KlingEmulatorError.invalidParameters("video \(id) not found") }
        guard task.phase(runtime) == .finished else { throw KlingEmulatorError.invalidParameters("video \(id) is not finished") }
        return video
    }

    private func render(_ task: KlingTask) -> EmulatorJSON {
        task.json(at: runtime.clock.now, stepSeconds: runtime.stepSeconds, mediaBaseURL: family.mediaBaseURL(KlingCatalog.mediaFolder))
    }

    /// A query integer within `range`; absent is `value`.
    private static func bounded(_ text: String?, _ name: String, default value: Int, _ range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw KlingEmulatorError.invalidParameters("\(name) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }
}
