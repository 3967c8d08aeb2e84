/// Orders candidate channels for one call: the highest priority tier first, weighted random inside a tier,
/// then lower tiers, so failover walks to the next channel not yet tried.
public struct ChannelSelector: Sendable {
    public init() {}

    public func order(_ channels: [Channel]) -> [Channel] {
        var generator = SystemRandomNumberGenerator()
        return order(channels, using: &generator)
    }

    public func order(_ channels: [Channel], using generator: inout some RandomNumberGenerator) -> [Channel] {
        let tiers = Dictionary(grouping: channels, by: \.priority).sorted { $0.key > $1.key }
        var ordered: [Channel] = []
        for (_, tier) in tiers {
            var remaining = tier
            while !remaining.isEmpty {
                let total = remaining.reduce(0) { $0 + max(1, $1.weight) }
                var pick = Int.random(in: 0..<total, using: &generator)
                let index =
                    remaining.firstIndex { channel in
                        pick -= max(1, channel.weight)
                        return pick < 0
                    } ?? 0
                ordered.append(remaining.remove(at: index))
            }
        }
        return ordered
    }
}
