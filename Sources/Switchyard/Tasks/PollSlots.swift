/// The poller's count of polls in flight, in total and per channel, against its two bounds.
struct PollSlots: Sendable, Equatable {
    let capacity: Int
    let perChannel: Int
    private(set) var inFlight = 0
    /// Channel id → polls in flight to it; channels with none are absent.
    private(set) var byChannel: [Int64: Int] = [:]

    init(capacity: Int, perChannel: Int) {
        self.capacity = max(1, capacity)
        self.perChannel = max(1, perChannel)
    }

    /// How many more polls may start now (each still within its channel's bound).
    var free: Int { capacity - inFlight }

    mutating func start(channelID: Int64?) {
        inFlight += 1
        if let channelID { byChannel[channelID, default: 0] += 1 }
    }

    mutating func finish(channelID: Int64?) {
        inFlight = max(0, inFlight - 1)
        guard let channelID, let count = byChannel[channelID] else { return }
        byChannel[channelID] = count > 1 ? count - 1 : nil
    }
}
