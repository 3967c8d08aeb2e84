import Testing
@testable import Switchyard

/// The rules that bound refunds on "not found" and polls in flight, as values.
@Suite struct TaskEvidenceRuleTests {
    @Test func notFoundIsConclusiveOnlyAfterTheSpanAndEnoughPolls() {
        func conclusive(since: Int64, polls: Int, now: Int64) -> Bool {
            TaskLifecycle.missingIsConclusive(firstMissingAt: since, missingPolls: polls, now: now, graceMillis: 600_000, minimumPolls: 3)
        }
        #expect(!conclusive(since: 0, polls: 1, now: 0))
        #expect(!conclusive(since: 0, polls: 50, now: 599_999))
        #expect(!conclusive(since: 0, polls: 2, now: 3_600_000))
        #expect(conclusive(since: 0, polls: 3, now: 600_000))
        // A clock that jumps back, or a nonsense stored value, is never a reason to refund.
        #expect(!conclusive(since: 1_000, polls: 10, now: 0))
        #expect(!conclusive(since: .min, polls: 10, now: .max))
    }

    @Test func pollSlotsCountPerChannelAndFreeWhatFinishes() {
        var slots = PollSlots(capacity: 4, perChannel: 2)
        slots.start(channelID: 1)
        slots.start(channelID: 1)
        slots.start(channelID: 2)
        #expect(slots.free == 1)
        #expect(slots.byChannel == [1: 2, 2: 1])
        slots.finish(channelID: 1)
        slots.finish(channelID: 2)
        #expect(slots.free == 3)
        #expect(slots.byChannel == [1: 1])
        // Finishing more than started never goes negative.
        slots.finish(channelID: 2)
        slots.finish(channelID: 1)
        slots.finish(channelID: 1)
        #expect(slots.free == 4 && slots.byChannel.isEmpty)
    }
}
