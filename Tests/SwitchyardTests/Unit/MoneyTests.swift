import Testing
@testable import Switchyard

@Suite struct MoneyTests {
    @Test func parsesDollarAmountsExactly() {
        #expect(Money.parseDollars("2.50") == 2_500_000)
        #expect(Money.parseDollars("3") == 3_000_000)
        #expect(Money.parseDollars("0.000001") == 1)
        #expect(Money.parseDollars("0.0000001") == nil)
        #expect(Money.parseDollars("-1") == nil)
        #expect(Money.parseDollars("1e3") == nil)
        #expect(Money.parseDollars("") == nil)
        #expect(Money.parseDollars("99999999999999999") == nil)
    }

    @Test func formatsMicrosAsDollars() {
        #expect(Money.format(2_500_000) == "2.50")
        #expect(Money.format(1) == "0.000001")
        #expect(Money.format(-710_000) == "-0.71")
    }

    @Test func scalesByPermilleRoundingHalfUp() {
        #expect(Money.scale(710_000, byPermille: 1_800) == 1_278_000)
        #expect(Money.scale(1, byPermille: 500) == 1)
        #expect(Money.scale(.max, byPermille: 2_000) == nil)
    }
}
