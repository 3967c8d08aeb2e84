import Testing
@testable import Switchyard

@Suite struct ChannelSelectorTests {
    func channel(_ id: Int64, priority: Int, weight: Int) -> Channel {
        Channel(
            id: id, name: "c\(id)", family: "luma", baseURL: "http://upstream", credential: .init(key: "k"), models: ["ray-2"],
            priority: priority, weight: weight, status: "enabled")
    }

    @Test func higherTiersComeFirst() {
        let order = ChannelSelector().order([
            channel(1, priority: 0, weight: 1), channel(2, priority: 10, weight: 1), channel(3, priority: 5, weight: 1),
        ])
        #expect(order.map(\.id) == [2, 3, 1])
    }

    @Test func weightsShareTrafficInsideATier() {
        var firsts: [Int64: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<4_000 {
            let first = ChannelSelector().order([channel(1, priority: 0, weight: 3), channel(2, priority: 0, weight: 1)], using: &generator)[0]
            firsts[first.id, default: 0] += 1
        }
        // Expected 3000 : 1000; the bounds are many standard deviations wide.
        #expect((2_700...3_300).contains(firsts[1] ?? 0))
    }

    @Test func everyChannelAppearsOnce() {
        let channels = (1...6).map { channel(Int64($0), priority: $0 % 2, weight: $0) }
        #expect(Set(ChannelSelector().order(channels).map(\.id)) == Set(1...6))
    }
}
