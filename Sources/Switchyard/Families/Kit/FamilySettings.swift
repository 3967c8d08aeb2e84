/// The values of the families' own configuration keys (`luma.default_video_model`), as the operator wrote them;
/// each module reads its keys and keeps its defaults for the rest.
public struct FamilySettings: Sendable, Equatable {
    private var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The configured value of `key`, or nil when the operator left it unset.
    public subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }
}
