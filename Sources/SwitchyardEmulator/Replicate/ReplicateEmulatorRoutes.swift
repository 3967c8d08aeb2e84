import Foundation
import Hummingbird

/// The Replicate upstream under `/v1`: predictions by version, by official model and by deployment, each moving
/// starting → processing → succeeded (or failed, or canceled) on the emulated clock, with PNG or MP4 outputs served
/// under `/media/replicate`; models, versions and deployments from `ReplicateCatalog`. Keys come as `Bearer` or
/// `Token`.
struct ReplicateEmulatorRoutes: Sendable {
    /// Body fields whose `[fault:<x>]` keywords steer a prediction's fault.
    private static let keywordFields = ["input.prompt"]

    let endpoint: EmulatorFamilyEndpoint<ReplicateEmulatorVocabulary>
    let store: ReplicateEmulatorStore

    private var runtime: EmulatorRuntime { endpoint.runtime }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group("v1")
        api.post("predictions") { request, context in
            try await create("POST /v1/predictions", request, context) { body in
                guard let version = body.value("version")?.stringValue else { throw EmulatorHTTPError.unprocessable("version: Field required") }
                let id = version.split(separator: ":").last.map(String.init) ?? version
                guard let model = ReplicateCatalog.model(ofVersion: id) else {
                    throw EmulatorHTTPError.unprocessable("Invalid version or not permitted")
                }
                return (model, id)
            }
        }
        api.post("models/{id}/{name}/predictions") { request, context in
            try await create("POST /v1/models/{owner}/{name}/predictions", request, context) { _ in
                let name = "\(context.parameters.get("id") ?? "")/\(context.parameters.get("name") ?? "")"
                guard let model = ReplicateCatalog.model(name), model.official else { throw EmulatorHTTPError.notFound("Model not found") }
                return (model, model.versions[0])
            }
        }
        api.post("deployments/{owner}/{name}/predictions") { request, context in
            try await create("POST /v1/deployments/{owner}/{name}/predictions", request, context) { _ in
                let name = "\(context.parameters.get("owner") ?? "")/\(context.parameters.get("name") ?? "")"
                guard let modelName = ReplicateCatalog.deployments[name], let model = ReplicateCatalog.model(modelName) else {
                    throw EmulatorHTTPError.notFound("Deployment not found")
                }
                return (model, model.versions[0])
            }
        }
        api.get("predictions/{id}") { request, context in
            try await respond("GET /v1/predictions/{id}", request, context) { call in
                runtime.clock.notePoll()
                return EmulatorResponse.json(render(try owned(context, call)))
            }
        }
        api.get("predictions") { request, context in
            try await respond("GET /v1/predictions", request, context) { call in
                let results = store.predictions(of: call.ownerKey).prefix(100).map(render)
                return EmulatorResponse.json(.object([("previous", .null), ("next", .null), ("results", .array(Array(results)))]))
            }
        }
        api.post("predictions/{id}/cancel") { request, context in
            try await respond("POST /v1/predictions/{id}/cancel", request, context) { call in
                let prediction = try owned(context, call)
                if prediction.phase(runtime) != .finished {
                    store.cancel(prediction, elapsed: runtime.clock.now.seconds - prediction.timeline.startedAt.seconds)
                }
                return EmulatorResponse.json(render(prediction))
            }
        }
        api.get("models/{id}/{name}") { request, context in
            try await respond("GET /v1/models/{owner}/{name}", request, context) { _ in
                EmulatorResponse.json(modelJSON(try catalogModel(context)))
            }
        }
        api.get("models/{id}/{name}/versions") { request, context in
            try await respond("GET /v1/models/{owner}/{name}/versions", request, context) { _ in
                let model = try catalogModel(context)
                return EmulatorResponse.json(
                    .object([("previous", .null), ("next", .null), ("results", .array(model.versions.map { versionJSON($0, of: model) }))]))
            }
        }
        api.get("models/{id}/{name}/versions/{version}") { request, context in
            try await respond("GET /v1/models/{owner}/{name}/versions/{version}", request, context) { _ in
                let model = try catalogModel(context)
                guard let version = context.parameters.get("version"), model.versions.contains(version) else {
                    throw EmulatorHTTPError.notFound("Version not found")
                }
                return EmulatorResponse.json(versionJSON(version, of: model))
            }
        }
    }

    /// A create route: the target resolved by `resolve`, `input` required, the prediction answered 201 `starting`.
    private func create(
        _ route: String, _ request: Request, _ context: EmulatorRequestContext,
        resolve: @escaping (EmulatorJSONFields) throws -> (ReplicateCatalog.Model, String)
    ) async throws -> Response {
        try await endpoint.respond(
            route, Self.acceptingToken(request), context, successStatus: .created, readsBody: true,
            faults: .requested(keywordFields: Self.keywordFields)
        ) { call in
            let (model, version) = try resolve(call.body)
            guard let input = try call.body.object("input", required: true), let inputJSON = call.body.value("input") else {
                throw EmulatorHTTPError.unprocessable("input: Field required")
            }
            let outputs = model.outputIsArray ? (try input.int("num_outputs") ?? 1) : 1
            guard (1...4).contains(outputs) else { throw EmulatorHTTPError.unprocessable("input.num_outputs: must be between 1 and 4") }
            let plan = ReplicatePredictionPlan(model: model, version: version, input: inputJSON, outputs: outputs)
            return EmulatorResponse.json(render(store.submit(plan, ownerKey: call.ownerKey, fault: call.fault)), status: .created)
        }
    }

    private func respond(
        _ route: String, _ request: Request, _ context: EmulatorRequestContext,
        _ work: (EmulatorFamilyEndpoint<ReplicateEmulatorVocabulary>.Call) throws -> Response
    ) async throws -> Response {
        try await endpoint.respond(route, Self.acceptingToken(request), context) { call in try work(call) }
    }

    /// `request` with `Authorization: Token <key>` read as `Bearer <key>`, as Replicate accepts both.
    private static func acceptingToken(_ request: Request) -> Request {
        guard let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("token ") else { return request }
        var head = request.head
        head.headerFields[.authorization] = "Bearer " + authorization.dropFirst(6)
        return Request(head: head, body: request.body)
    }

    /// The caller's prediction named in the path; 404 for anyone else's.
    private func owned(_ context: EmulatorRequestContext, _ call: EmulatorFamilyEndpoint<ReplicateEmulatorVocabulary>.Call) throws
        -> ReplicatePrediction
    {
        guard let id = context.parameters.get("id"), let prediction = store.prediction(id), prediction.ownerKey == call.ownerKey else {
            throw EmulatorHTTPError.notFound("Not found")
        }
        return prediction
    }

    private func catalogModel(_ context: EmulatorRequestContext) throws -> ReplicateCatalog.Model {
        // The owner segment is named `id`: the OpenAI routes share `/v1/models/{id}` on this router.
        let name = "\(context.parameters.get("id") ?? "")/\(context.parameters.get("name") ?? "")"
        guard let model = ReplicateCatalog.model(name) else { throw EmulatorHTTPError.notFound("Model not found") }
        return model
    }

    /// The prediction as it stands now on the emulated clock.
    private func render(_ prediction: ReplicatePrediction) -> EmulatorJSON {
        let step = runtime.stepSeconds
        let phase = prediction.phase(runtime)
        let submitted = prediction.timeline.submittedAt
        let canceledAfter = store.canceledAfter(prediction.id)
        let status: String
        switch (phase, canceledAfter) {
        case (_, .some): status = "canceled"
        case (.waiting, nil): status = "starting"
        case (.working, nil): status = "processing"
        case (.finished, nil): status = prediction.outcome.jobFails ? "failed" : "succeeded"
        }
        let started: Date? = {
            if case .waiting = phase, canceledAfter == nil { return nil }
            return submitted.addingTimeInterval(step * EmulatorTimeline.waitingSteps)
        }()
        let predictTime = step * EmulatorTimeline.workingSteps
        let completed: Date? = {
            if let canceledAfter { return submitted.addingTimeInterval(canceledAfter) }
            return phase == .finished ? submitted.addingTimeInterval(step * (EmulatorTimeline.waitingSteps + EmulatorTimeline.workingSteps)) : nil
        }()
        let own = "\(runtime.rootURL)/v1/predictions/\(prediction.id)"
        let plan = prediction.plan
        var members: [(String, EmulatorJSON)] = [
            ("id", .string(prediction.id)), ("model", .string(plan.model.fullName)), ("version", .string(plan.version)), ("input", plan.input),
            ("logs", .string(logs(status))), ("output", status == "succeeded" ? output(prediction) : .null), ("data_removed", .bool(false)),
            ("error", status == "failed" ? .string(ReplicateCatalog.emulatedFailure) : .null), ("status", .string(status)),
            ("created_at", .string(EmulatorTimestamp.iso8601Microseconds(submitted))),
            ("started_at", started.map { .string(EmulatorTimestamp.iso8601Microseconds($0)) } ?? .null),
            ("completed_at", completed.map { .string(EmulatorTimestamp.iso8601Microseconds($0)) } ?? .null),
            (
                "urls",
                .object([("get", .string(own)), ("cancel", .string("\(own)/cancel")), ("web", .string("https://replicate.com/p/\(prediction.id)"))])
            ),
        ]
        let finished = status == "succeeded" || status == "failed"
        members.append(("metrics", finished ? .object([("predict_time", .double(predictTime))]) : .object([])))
        return .object(members)
    }

    /// The files of a succeeded prediction: an array of image URLs, or one video URL.
    private func output(_ prediction: ReplicatePrediction) -> EmulatorJSON {
        let base = endpoint.mediaBaseURL(ReplicateCatalog.mediaFamily)
        let plan = prediction.plan
        let files = (0..<plan.outputs).map { EmulatorJSON.string("\(base)/\(prediction.id)_\($0).\(plan.model.fileExtension)") }
        return plan.model.outputIsArray ? .array(files) : files[0]
    }

    private func logs(_ status: String) -> String {
        switch status {
        case "starting": ""
        case "processing": "Running prediction...\n"
        default: "Running prediction...\nDone.\n"
        }
    }

    private func modelJSON(_ model: ReplicateCatalog.Model) -> EmulatorJSON {
        .object([
            ("url", .string("https://replicate.com/\(model.fullName)")), ("owner", .string(model.owner)), ("name", .string(model.name)),
            ("description", .string(model.description)), ("visibility", .string("public")), ("github_url", .null), ("paper_url", .null),
            ("license_url", .null), ("run_count", .int(0)), ("cover_image_url", .null), ("default_example", .null),
            ("latest_version", versionJSON(model.versions[0], of: model)),
        ])
    }

    private func versionJSON(_ id: String, of model: ReplicateCatalog.Model) -> EmulatorJSON {
        .object([
            ("id", .string(id)), ("created_at", .string("2024-08-01T00:00:00.000000Z")), ("cog_version", .string("0.9.13")),
            ("openapi_schema", ReplicateCatalog.openAPISchema(of: model)),
        ])
    }
}
