import Logging
import Testing
@testable import Switchyard

@Suite struct BillTests {
    static let token = Token(id: "t", name: "t", keyHint: "", quotaMicros: 1_000, usedMicros: 0, heldMicros: 0, status: "active", createdAt: 0)

    static func bill(
        _ spend: SpendBuffer, reserved: Int64, price: TokenPrice = TokenPrice(inputPerMillion: 0, outputPerMillion: 0, cachedInputPerMillion: 0)
    )
        -> Bill
    {
        Bill(
            spend: spend, reserved: reserved, price: price, requestID: "r", tokenID: "t", userID: nil, family: "openai", model: "m",
            started: .now, clock: .wall, metrics: GatewayMetrics(), logger: Logger(label: "test"))
    }

    /// A bill closed twice (an error path after billing) releases its reservation once: the key cannot spend more.
    @Test func closingTwiceReleasesTheReservationOnce() throws {
        let spend = SpendBuffer()
        try spend.reserve(600, for: Self.token)
        let bill = Self.bill(spend, reserved: 600)
        bill.close(channelID: nil, status: 400, usage: nil)
        bill.close(channelID: nil, status: 400, usage: nil)
        try spend.reserve(600, for: Self.token)
        #expect(throws: GatewayError.self) { try spend.reserve(600, for: Self.token) }
    }

    /// A bill dropped without being closed (a streamed answer whose client left before it was written) releases its
    /// reservation and charges nothing.
    @Test func aBillNeverClosedReleasesItsReservation() throws {
        let spend = SpendBuffer()
        try spend.reserve(1_000, for: Self.token)
        do { _ = Self.bill(spend, reserved: 1_000) }
        try spend.reserve(1_000, for: Self.token)
        #expect(spend.takeBatch(limit: 10).map(\.costMicros) == [0])
    }

    /// Usage past the worst case is charged no more than was reserved, and absurd usage never traps.
    @Test func aChargeNeverExceedsItsReservation() throws {
        let spend = SpendBuffer()
        try spend.reserve(500, for: Self.token)
        let price = TokenPrice(inputPerMillion: 1_000_000, outputPerMillion: 1_000_000, cachedInputPerMillion: 1_000_000)
        Self.bill(spend, reserved: 500, price: price).close(channelID: 1, status: 200, usage: MeteredUsage(input: .max, output: .max))
        #expect(spend.takeBatch(limit: 10).map(\.costMicros) == [500])
    }
}
