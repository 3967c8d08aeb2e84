import Foundation
import NIOHTTP1
import SwitchyardEmulator
import Testing

@testable import Switchyard

/// Runway's money rules through the gateway: a live task cancelled by DELETE is refunded once, a finished one
/// deleted keeps its charge, a failure (moderation or internal) is refunded, and the organization reports the
/// caller's balance in credits. Timelines run on a manual emulator clock, advanced instead of waited for.
@Suite struct RunwayMoneyTests {
    static func manual(_ clock: EmulatorClock) -> [EmulatorConfiguration] {
        [EmulatorConfiguration(stepSeconds: 1, clock: clock)]
    }

    @Test func aLiveTaskCancelledByDeleteIsRefundedOnceAndASecondDeleteIs404() async throws {
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: Self.manual(clock)) { harness in
            let key = try await harness.customerKey()
            let id = try await harness.runwayCreate("image_to_video", TestHarness.runwayImageToVideo("slow waves"), key: key)
            clock.advance(bySeconds: 1.5)
            let running = try await harness.waitForRunwayTask(id, key: key) { $0["status"] == "RUNNING" }
            let progress = try #require(running["progress"]?.doubleValue, "\(running.encoded())")
            #expect(progress > 0 && progress < 1)
            #expect(running["estimatedCost"]?["credits"]?.intValue == 25)

            let deleted = try await harness.runway(.DELETE, "/tasks/\(id)", key: key)
            #expect(deleted.status == 204, "\(deleted.body)")
            #expect(harness.emulators[0].requestCount("DELETE /v1/tasks/{id}") == 1)
            #expect(try await harness.runway(.GET, "/tasks/\(id)", key: key).status == 404)
            let again = try await harness.runway(.DELETE, "/tasks/\(id)", key: key)
            #expect(again.status == 404)
            #expect(again.json?["error"]?.stringValue?.isEmpty == false)
            // The upstream finishing later changes nothing.
            clock.advance(bySeconds: 10)
            try await expectSteady { try await harness.ledger(id).map(\.kind) == ["hold", "refund"] }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aFinishedTaskDeletedKeepsItsChargeAndASecondDeleteIs404() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let id = try await harness.runwayCreate("image_to_video", TestHarness.runwayImageToVideo("done"), key: key)
            #expect(try await harness.waitForRunwayTask(id, key: key)["status"] == "SUCCEEDED")
            #expect(try await harness.runway(.DELETE, "/tasks/\(id)", key: key).status == 204)
            #expect(try await harness.runway(.GET, "/tasks/\(id)", key: key).status == 404)
            #expect(try await harness.runway(.DELETE, "/tasks/\(id)", key: key).status == 404)
            try await expectSteady { try await harness.ledger(id).map(\.kind) == ["hold", "settle"] }
            #expect(try await harness.token(forKey: key).usedMicros == 250_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aFailedTaskShowsRunwaysFailureCodeAndIsRefunded() async throws {
        try await TestHarness.run { harness in
            for (marker, code) in [("[fault:safety]", "SAFETY.INPUT.TEXT"), ("[fault:fail]", "INTERNAL")] {
                let key = try await harness.customerKey()
                let id = try await harness.runwayCreate("image_to_video", TestHarness.runwayImageToVideo("a scene \(marker)"), key: key)
                let task = try await harness.waitForRunwayTask(id, key: key)
                #expect(task["status"] == "FAILED", "\(task.encoded())")
                #expect(task["failureCode"]?.stringValue == code)
                #expect(task["failure"]?.stringValue?.isEmpty == false)
                #expect(task["output"] == nil)
                #expect(task["cost"]?["credits"]?.intValue == 0)
                try await expectSteady { try await harness.ledger(id).map(\.kind) == ["hold", "refund"] }
                #expect(try await harness.token(forKey: key).usedMicros == 0)
            }
        }
    }

    @Test func aThrottledTaskReadsThrottledThenRunsToTheEnd() async throws {
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: Self.manual(clock)) { harness in
            let key = try await harness.customerKey()
            let id = try await harness.runwayCreate("image_to_video", TestHarness.runwayImageToVideo("busy [fault:throttled]"), key: key)
            _ = try await harness.waitForRunwayTask(id, key: key) { $0["status"] == "THROTTLED" }
            clock.advance(bySeconds: 5)
            #expect(try await harness.waitForRunwayTask(id, key: key)["status"] == "SUCCEEDED")
        }
    }

    @Test func theOrganizationReportsTheCallersBalanceAndTodaysGenerationsInCredits() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "10.00")
            let before = try await harness.runway(.GET, "/organization", key: key)
            #expect(before.status == 200, "\(before.body)")
            #expect(before.json?["creditBalance"]?.intValue == 1_000)
            #expect(before.json?["tier"]?["models"]?["gen4_turbo"] != nil)
            let id = try await harness.runwayCreate("image_to_video", TestHarness.runwayImageToVideo("one"), key: key)
            #expect(try await harness.waitForRunwayTask(id, key: key)["status"] == "SUCCEEDED")
            let after = try await harness.runway(.GET, "/organization", key: key)
            #expect(after.json?["creditBalance"]?.intValue == 975)
            #expect(after.json?["usage"]?["models"]?["gen4_turbo"]?["dailyGenerations"]?.intValue == 1)
        }
    }
}
