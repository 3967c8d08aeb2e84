import Hummingbird

/// Recraft's customer-facing API under `/recraft/v1`, as Recraft's own clients (and OpenAI's SDK) call it. Every
/// call is synchronous: the route answers the finished task in Recraft's shape.
struct RecraftRoutes: Sendable {
    let table: TaskRoutes
    let generations: RecraftRequestValidator
    let forms: RecraftFormValidator

    func register(on router: Router<GatewayRequestContext>) {
        // Each route's path is the upstream's own, under the same `/v1`.
        func route(_ operation: RecraftOperation) -> String { String(operation.path.dropFirst()) }
        var operations: [TaskRoutes.Operation] = [
            .submit(route(.generate), validate: { body, _ in try generations.generate(body) }, answer: Self.finished),
            .submitForm(route(.createStyle), validate: { form, _ in try forms.createStyle(form) }, answer: Self.finished),
        ]
        for operation in [RecraftOperation.imageToImage, .inpaint, .replaceBackground] {
            operations.append(.submitForm(route(operation), validate: { form, _ in try forms.edit(operation, form) }, answer: Self.finished))
        }
        for operation in [RecraftOperation.vectorize, .removeBackground, .clarityUpscale, .generativeUpscale] {
            operations.append(.submitForm(route(operation), validate: { form, _ in try forms.tool(operation, form) }, answer: Self.finished))
        }
        table.register(operations, under: "recraft/v1", on: router)
    }

    /// The finished call in Recraft's shape. The upstream answers at once, so a task that is not finished means its
    /// answer was not one Recraft gives; the customer gets an error in Recraft's shape.
    @Sendable static func finished(_ task: TaskRecord) throws -> Response {
        guard task.state == .succeeded else {
            throw GatewayError.upstreamMalformed
        }
        return .json(task.view ?? RecraftFamily().render(task))
    }

    /// A call naming one of the caller's styles is priced by that style's base: a vector style makes SVG images.
    @Sendable static func priceByStyle(_ call: inout TaskCall, _ sources: [Artifact]) throws {
        guard let style = sources.first(where: { $0.kind == RecraftFamily.styleKind }), let base = style.payload?["style"]?.stringValue else {
            return
        }
        if RecraftSettings.vectorStyles.contains(base) { call.priceFacts[RecraftPrices.outputFact] = RecraftPrices.vector }
    }
}
