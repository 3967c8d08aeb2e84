import Synchronization

/// One increasing sequence shared by token reads and charge writes in this process, so the spend buffer can tell
/// whether a token row it was given was read before or after a charge reached the store.
public enum ReadSequence {
    private static let counter = Atomic<UInt64>(1)

    public static func next() -> UInt64 {
        counter.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
    }
}
