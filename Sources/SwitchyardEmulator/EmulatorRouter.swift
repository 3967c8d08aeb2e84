import Hummingbird

/// Assembles every emulated API family of `EmulatorFamilies.all` on one router, each under its official path, so
/// one port serves them all (a gateway test points every channel's base URL at the same emulator).
enum EmulatorRouter {
    /// The router of an instance whose shared state is `runtime`.
    static func build(runtime: EmulatorRuntime) -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        // Added first: middleware only wraps the routes registered after it (and the not-found responder).
        router.middlewares.add(EmulatorErrorMiddleware())
        let endpoint = EmulatorEndpoint(runtime: runtime)
        for family in EmulatorFamilies.all {
            family.register(on: router, endpoint: endpoint)
            for folder in family.mediaFolders {
                EmulatorMedia(endpoint: endpoint, family: folder).register(on: router)
            }
        }
        return router
    }
}
