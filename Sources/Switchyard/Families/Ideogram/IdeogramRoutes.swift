import Hummingbird

/// Ideogram's API under `/ideogram`: the legacy routes and 3.0's, each answered at once with the finished images
/// in Ideogram's shape (the call is a task that ends as it is accepted).
struct IdeogramRoutes: Sendable {
    let table: TaskRoutes
    let validator: IdeogramRequestValidator

    func register(on router: Router<GatewayRequestContext>) {
        let family = IdeogramFamily()
        let finished: TaskRoutes.Answer = { .json(family.render($0)) }
        var operations: [TaskRoutes.Operation] = [
            .submit("generate", validate: { body, _ in try validator.generate(body) }, answer: finished),
            .submitForm("remix", validate: { form, _ in try validator.remix(form) }, answer: finished),
            .submitForm("edit", validate: { form, _ in try validator.edit(form) }, answer: finished),
            .submitForm("upscale", validate: { form, _ in try validator.upscale(form) }, answer: finished),
            .submitForm("describe", validate: { form, _ in try validator.describe(form) }, answer: finished),
        ]
        for action in IdeogramAction.version3 {
            guard let segment = action.version3Segment else { continue }
            operations.append(
                .submitForm(
                    String(IdeogramAction.version3Prefix.dropFirst()) + segment, validate: { form, _ in try validator.version3(action, form) },
                    answer: finished))
        }
        table.register(operations, under: "ideogram", on: router)
    }
}
