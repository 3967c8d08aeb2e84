/// A family whose routes `/openapi.json` documents: each module lists its own operations in its folder, and the
/// document reads them from the module list (a test checks they match the routes the gateway registers).
protocol DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { get }
}
