/// The custom styles of one emulator instance: each owned by the key that made it, with its base style.
final class RecraftEmulatorStyles: Sendable {
    struct Style: Sendable {
        let ownerKey: String
        /// The base style (`vector_illustration` makes SVG images).
        let base: String
    }

    private let records = EmulatorRecordStore<Style>()

    /// Stores a new style and returns its id.
    func create(base: String, ownerKey: String) -> String {
        let id = EmulatorIdentifier.uuid()
        records.insert(Style(ownerKey: ownerKey, base: base), id: id)
        return id
    }

    /// The style `id` when `ownerKey` made it; others' styles are as unknown as missing ones.
    func style(_ id: String, ownerKey: String) -> Style? {
        guard let style = records.record(id), style.ownerKey == ownerKey else { return nil }
        return style
    }
}
