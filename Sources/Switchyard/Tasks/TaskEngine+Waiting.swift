/// Waiting for a task to end, for routes that answer synchronously with an asynchronous family's result.
extension TaskEngine {
    /// How long one wait lasts before the store is read again: the fallback for a signal that came just before the
    /// waiter was registered (or from another gateway process on the same store).
    static let completionCheckMillis: Int64 = 500

    /// The caller's task `id` once it is terminal, or as it stands when `timeoutMillis` have passed.
    public func waitForEnd(id: String, ownedBy tokenID: String, timeoutMillis: Int64) async throws -> TaskRecord? {
        let (deadline, overflow) = clock.nowMillis().addingReportingOverflow(max(0, timeoutMillis))
        let end = overflow ? Int64.max : deadline
        while true {
            guard let task = try await store.find(id: id, ownedBy: tokenID) else { return nil }
            let left = end - clock.nowMillis()
            if task.state.isTerminal || left <= 0 { return task }
            await completions.wait(for: id, upTo: .milliseconds(min(left, Self.completionCheckMillis)))
        }
    }
}
