import Synchronization
import Testing

@testable import Switchyard

/// The engine's completion signal: a waiter wakes when its task is reported finished, long before its deadline,
/// and a wait with no signal ends at its deadline.
@Suite struct TaskCompletionsTests {
    @Test func aWaiterWakesWhenItsTaskIsReportedFinished() async throws {
        let completions = TaskCompletions()
        let woke = Atomic<Bool>(false)
        let started = ContinuousClock.now
        let waiter = Task {
            await completions.wait(for: "task-a", upTo: .seconds(60))
            woke.store(true, ordering: .relaxed)
        }
        // Another task's end wakes nobody.
        completions.finished("task-b")
        // The waiter registers at some point after it starts; report the end until it has woken.
        try await waitUntil(seconds: 10) {
            completions.finished("task-a")
            return woke.load(ordering: .relaxed)
        }
        await waiter.value
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aWaitWithoutASignalEndsAtItsDeadline() async {
        let completions = TaskCompletions()
        let started = ContinuousClock.now
        await completions.wait(for: "never", upTo: .milliseconds(50))
        #expect(ContinuousClock.now - started >= .milliseconds(50))
    }
}
