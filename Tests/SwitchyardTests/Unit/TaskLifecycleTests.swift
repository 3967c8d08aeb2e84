import Testing
@testable import Switchyard

@Suite struct TaskLifecycleTests {
    func observed(_ state: TaskState) -> TaskObservation {
        TaskObservation(state: state, upstreamStatus: state.rawValue, result: nil)
    }

    @Test func movesForward() {
        #expect(TaskLifecycle.decide(current: .queued, observed: observed(.running)) == .move(to: .running, resolution: nil))
        #expect(TaskLifecycle.decide(current: .running, observed: observed(.succeeded)) == .move(to: .succeeded, resolution: .settle))
        #expect(TaskLifecycle.decide(current: .queued, observed: observed(.failed)) == .move(to: .failed, resolution: .refund))
    }

    @Test func neverMovesBackwards() {
        #expect(TaskLifecycle.decide(current: .running, observed: observed(.queued)) == .ignore)
    }

    @Test func terminalStatesAreFinal() {
        for terminal in [TaskState.succeeded, .failed] {
            for next in TaskState.allCases {
                #expect(TaskLifecycle.decide(current: terminal, observed: observed(next)) == .ignore)
            }
        }
    }

    @Test func pollDelayDoublesUpToTheCap() {
        #expect(TaskLifecycle.pollDelay(attempts: 0, initialMillis: 1_000, maximumMillis: 30_000) == 1_000)
        #expect(TaskLifecycle.pollDelay(attempts: 3, initialMillis: 1_000, maximumMillis: 30_000) == 8_000)
        #expect(TaskLifecycle.pollDelay(attempts: 10, initialMillis: 1_000, maximumMillis: 30_000) == 30_000)
        #expect(TaskLifecycle.pollDelay(attempts: 1_000, initialMillis: .max / 2, maximumMillis: 30_000) == 30_000)
    }
}
