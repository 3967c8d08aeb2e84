import Testing
@testable import Switchyard

@Suite struct BillTests {
    /// A bill closed twice (an error path after billing) releases its reservation once: the key cannot spend more.
    @Test func closingTwiceReleasesTheReservationOnce() throws {
        let spend = SpendBuffer()
        let token = Token(id: "t", name: "t", keyHint: "", quotaMicros: 1_000, usedMicros: 0, heldMicros: 0, status: "active", createdAt: 0)
        try spend.reserve(600, for: token)
        let bill = Bill(
            spend: spend, reserved: 600, price: TokenPrice(inputPerMillion: 0, outputPerMillion: 0, cachedInputPerMillion: 0), requestID: "r",
            tokenID: "t", userID: nil, family: "openai", model: "m", started: .now, clock: .wall, estimatedInput: 1)
        bill.close(channelID: nil, status: 400, usage: nil)
        bill.close(channelID: nil, status: 400, usage: nil)
        try spend.reserve(600, for: token)
        #expect(throws: GatewayError.self) { try spend.reserve(600, for: token) }
    }
}
