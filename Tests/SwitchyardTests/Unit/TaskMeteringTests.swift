import Testing

@testable import Switchyard

/// The arithmetic of a per-second price: the hold for the most seconds, the charge for the seconds measured.
@Suite struct TaskMeteringTests {
    @Test func theChargeIsTheMeasuredShareOfTheHoldRoundedUp() {
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: 3.0) == 2_925)
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: 0.1) == 98)
        #expect(TaskMetering.charge(heldMicros: 1, heldSeconds: 300, measuredSeconds: 1) == 1)
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: 0) == 0)
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: -0.0) == 0)
    }

    @Test func aMeasureAtOrPastTheMaximumIsChargedTheHold() {
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: 300) == 292_500)
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: 299.999_999_9) == 292_500)
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: 1e300) == 292_500)
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: .infinity) == 292_500)
    }

    @Test func aMeasureThatIsNoNumberOfSecondsIsChargedTheHold() {
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: .nan) == 292_500)
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: -1) == 292_500)
        #expect(TaskMetering.charge(heldMicros: 292_500, heldSeconds: 300, measuredSeconds: -.infinity) == 292_500)
    }

    @Test func extremeHoldsNeitherTrapNorPassTheHold() {
        let largest = Ledger.maximumEntryMicros
        #expect(TaskMetering.charge(heldMicros: largest, heldSeconds: 86_400, measuredSeconds: 86_399.999_999) <= largest)
        #expect(TaskMetering.charge(heldMicros: largest, heldSeconds: 86_400, measuredSeconds: 43_200) == largest / 2)
        #expect(TaskMetering.charge(heldMicros: Int64.max, heldSeconds: 1, measuredSeconds: 0.5) == Int64.max / 2 + 1)
        #expect(TaskMetering.charge(heldMicros: 500, heldSeconds: Int64.max, measuredSeconds: 1) == 500)
        #expect(TaskMetering.charge(heldMicros: 500, heldSeconds: 0, measuredSeconds: 1) == 500)
        #expect(TaskMetering.charge(heldMicros: 0, heldSeconds: 300, measuredSeconds: 3) == 0)
    }

    @Test func aPerSecondCallRuleHoldsForTheFamilysSecondsAndKeepsThemThroughAGroupMultiplier() throws {
        let rule = PriceRule(family: "replicate", model: "acme/slow", action: "predict", perSecond: "0.001")
        try rule.validate()
        let table = PriceTable(rules: [rule])
        let quote = try table.quote(["family": "replicate", "model": "acme/slow", "action": "predict", "seconds": "300"])
        #expect(quote.amountMicros == 300_000 && quote.meteredSeconds == 300)
        let scaled = try quote.scaled(byPermille: 1_500, group: "vip")
        #expect(scaled.amountMicros == 450_000 && scaled.meteredSeconds == 300)
        // A family that gives no seconds cannot be priced per second.
        #expect(throws: GatewayError.self) { try table.quote(["family": "replicate", "model": "acme/slow", "action": "predict"]) }
        // Per run and per second at once is refused: the settle prorates the whole hold.
        #expect(throws: GatewayError.self) {
            try PriceRule(family: "replicate", model: "acme/slow", action: "predict", usd: "0.01", perSecond: "0.001").validate()
        }
    }
}
