/// Udio's models as data: each `model_type` a task may name, and the one a request without it gets.
public struct UdioSettings: Sendable, Equatable {
    /// The model of a request that names none.
    public var defaultModel = "udio32-v1.5"
    /// Every `model_type` channels serve: 32-second and 130-second songs.
    public var models = ["udio32-v1.5", "udio130-v1.5"]

    public init() {}
}
