/// Replicate's routes in the OpenAPI document, with the fields and bounds of `ReplicateRequestValidator`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    private static let replicatePrediction = S.object(
        [
            "id": S.string(), "model": S.string(), "version": S.string(), "input": S.anyObject, "logs": S.string(),
            "status": S.string(oneOf: ["starting", "processing", "succeeded", "failed", "canceled"]), "created_at": S.string(),
            "urls": S.anyObject, "metrics": S.anyObject,
        ], required: ["id", "model", "version", "status", "urls"])

    private static func replicateCreate(version: Bool) -> JSONValue {
        let events = S.array(S.string(oneOf: ReplicateRequestValidator.webhookEvents), maxItems: 4)
        let input = S.object([
            "num_outputs": S.integer("Outputs to make; prices per output multiply", minimum: 1, maximum: ReplicateRequestValidator.maxOutputs)
        ])
        let common: KeyValuePairs<String, JSONValue> = [
            "input": input, "webhook": S.string("Called with the prediction on its events", maxLength: 2_048, format: "uri"),
            "webhook_events_filter": events, "stream": S.boolean(),
        ]
        guard version else { return S.object(common, required: ["input"]) }
        return S.object(
            [
                "version": S.string("A version id, or owner/name:version", minLength: 1, maxLength: 300), "input": input,
                "webhook": S.string("Called with the prediction on its events", maxLength: 2_048, format: "uri"), "webhook_events_filter": events,
                "stream": S.boolean(),
            ], required: ["version", "input"])
    }

    private static let replicateCreated = OpenAPIOperation.Answer.json(replicatePrediction, status: 201)

    static let replicateOperations: [OpenAPIOperation] = [
        .init(
            method: .post, path: "/replicate/v1/predictions", family: .replicate, summary: "A prediction of a model version",
            body: .json(replicateCreate(version: true)), answer: replicateCreated),
        .init(
            method: .post, path: "/replicate/v1/models/{owner}/{name}/predictions", family: .replicate,
            summary: "A prediction of an official model", body: .json(replicateCreate(version: false)), answer: replicateCreated),
        .init(
            method: .post, path: "/replicate/v1/deployments/{owner}/{name}/predictions", family: .replicate,
            summary: "A prediction of a deployment", body: .json(replicateCreate(version: false)), answer: replicateCreated),
        .init(
            method: .get, path: "/replicate/v1/predictions/{id}", family: .replicate, summary: "One of your predictions",
            answer: .json(replicatePrediction)),
        .init(
            method: .get, path: "/replicate/v1/predictions", family: .replicate, summary: "Your predictions, newest first",
            query: [.init(name: "cursor", schema: S.string(maxLength: 40))],
            answer: .json(S.object(["next": S.nullable(S.string()), "previous": S.nullable(S.string()), "results": S.array(replicatePrediction)]))),
        .init(
            method: .post, path: "/replicate/v1/predictions/{id}/cancel", family: .replicate, summary: "Cancel one of your predictions",
            answer: .json(replicatePrediction)),
        .init(method: .get, path: "/replicate/v1/models/{owner}/{name}", family: .replicate, summary: "A model, as the upstream describes it"),
        .init(method: .get, path: "/replicate/v1/models/{owner}/{name}/versions", family: .replicate, summary: "A model's versions"),
        .init(method: .get, path: "/replicate/v1/models/{owner}/{name}/versions/{version}", family: .replicate, summary: "One version of a model"),
        .init(
            method: .get, path: "/replicate/v1/webhooks/default/secret", family: .replicate, summary: "Your webhook signing secret",
            answer: .json(S.object(["key": S.string()], required: ["key"]))),
    ]
}

extension OpenAPIGroup {
    static let replicate = OpenAPIGroup(
        tag: "Replicate", errorSchema: "ReplicateError",
        errorBody: OpenAPISchema.object(
            ["title": OpenAPISchema.string(), "detail": OpenAPISchema.string(), "status": OpenAPISchema.integer()], required: ["detail", "status"],
            "Replicate's problem JSON"),
        security: OpenAPIGroup.bearer)
}

extension ReplicateModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.replicateOperations }
}
