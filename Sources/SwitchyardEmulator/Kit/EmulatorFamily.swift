import Hummingbird

/// One emulated upstream family: its routes, with its own stores, on the instance's shared router.
///
/// A family is listed once in `EmulatorFamilies.all`; the router reads that list and nothing else names it.
protocol EmulatorFamily: Sendable {
    /// Folders under `/media` whose files the family's answers link to (e.g. "suno"); served without a key.
    var mediaFolders: [String] { get }

    /// Adds the family's routes to `router`, with fresh stores for this instance.
    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint)
}

/// Every emulated family, in the order their routes are registered.
enum EmulatorFamilies {
    /// The list the emulator router reads.
    static let all: [any EmulatorFamily] = [
        LumaEmulatorFamily(),
        SunoEmulatorFamily(),
        UdioEmulatorFamily(),
        FluxEmulatorFamily(),
        RecraftEmulatorFamily(),
        IdeogramEmulatorFamily(),
        MidjourneyEmulatorFamily(),
        KlingEmulatorFamily(),
        ReplicateEmulatorFamily(),
        RunwayEmulatorFamily(),
        MiniMaxEmulatorFamily(),
        PikaEmulatorFamily(),
        ChatEmulatorFamily(),
    ]
}
