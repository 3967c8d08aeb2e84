/// The asynchronous families this gateway runs, by name: how the poller and sweeper find a stored task's codec.
public struct TaskFamilyRegistry: Sendable {
    private let families: [String: any TaskFamily]

    public init(_ families: [any TaskFamily]) {
        self.families = Dictionary(families.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func family(named name: String) -> (any TaskFamily)? { families[name] }
}
