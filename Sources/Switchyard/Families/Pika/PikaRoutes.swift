import Hummingbird

/// Pika's customer-facing routes under `/pika`: generate, and the feed of one video.
struct PikaRoutes: Sendable {
    let table: TaskRoutes
    let validator: PikaRequestValidator

    func register(on router: Router<GatewayRequestContext>) {
        table.register(
            [
                .submit(
                    "generate", validate: { body, _ in try validator.call(body) },
                    answer: { task in .json(JSONValue.object(["id": .string(task.id)]).encoded()) }),
                .get("feed/:id", answer: { view in .json(view) }),
            ], under: "pika", on: router)
    }
}
