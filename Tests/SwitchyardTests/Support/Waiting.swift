import Testing

/// Waits until `condition` holds, checking every 25 ms, or fails the test after `seconds`.
func waitUntil(seconds: Double = 5, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(25))
    }
    Issue.record("condition not met within \(seconds) s")
}

/// Checks that `condition` holds now and keeps holding, every 25 ms, for `window`: how a test shows that nothing
/// happens (no second charge, no redirect followed) while the gateway's loops keep running. Fails the test at the
/// first check that does not hold.
func expectSteady(
    for window: Duration = .milliseconds(300),
    _ condition: () async throws -> Bool,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let deadline = ContinuousClock.now + window
    repeat {
        guard try await condition() else {
            Issue.record("condition stopped holding within \(window)", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(25))
    } while ContinuousClock.now < deadline
    #expect(try await condition(), sourceLocation: sourceLocation)
}
