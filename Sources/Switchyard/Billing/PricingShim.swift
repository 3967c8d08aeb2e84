// TEMPORARY: the interface the prices branch provides; removed when it is merged.
public struct MeteredUsage: Sendable, Equatable {
    public var input: Int
    public var cacheRead: Int
    public var cacheWrite: Int
    public var output: Int
    public var images: Int
    public var characters: Int
    public var seconds: Int
    public init(input: Int = 0, cacheRead: Int = 0, cacheWrite: Int = 0, output: Int = 0, images: Int = 0, characters: Int = 0, seconds: Int = 0) {
        self.input = input
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.output = output
        self.images = images
        self.characters = characters
        self.seconds = seconds
    }
}

extension TokenPrice {
    public func cost(_ usage: MeteredUsage) -> Int64? {
        cost(input: max(0, usage.input), output: max(0, usage.output), cachedInput: min(max(0, usage.cacheRead), max(0, usage.input)))
    }
}

extension PriceTable {
    public func tokenPrice(model: String, facts: [String: String]) throws -> TokenPrice { try tokenPrice(model: model) }
}
