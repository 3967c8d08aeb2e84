/// A task's buttons as customers see them: the upstream's `customId`s name the upstream's image hash, which is
/// replaced by the task's public id (`MJ::JOB::upsample::1::<task id>`), so no upstream identifier leaves the
/// gateway; an action's `customId` is mapped back by finding the parent's button that renders the same.
enum MidjourneyButtons {
    /// The hashes in the upstream `customId`s of `task`: UUID-shaped segments, and the upstream's `messageHash`.
    static func upstreamHashes(in result: JSONValue?) -> Set<String> {
        var hashes = Set<String>()
        if let hash = result?["properties"]?["messageHash"]?.stringValue, !hash.isEmpty { hashes.insert(hash) }
        for button in result?["buttons"]?.arrayValue ?? [] {
            for segment in (button["customId"]?.stringValue ?? "").components(separatedBy: "::") where isUUID(segment) {
                hashes.insert(segment)
            }
        }
        return hashes
    }

    /// `customID` with every upstream hash replaced by `publicID`.
    static func publicCustomID(_ customID: String, hashes: Set<String>, publicID: String) -> String {
        customID.components(separatedBy: "::").map { hashes.contains($0) ? publicID : $0 }.joined(separator: "::")
    }

    /// The upstream buttons of a task's stored result, as customers see them.
    static func rendered(_ result: JSONValue?, publicID: String) -> JSONValue {
        let hashes = upstreamHashes(in: result)
        let buttons = (result?["buttons"]?.arrayValue ?? []).compactMap { button -> JSONValue? in
            guard let customID = button["customId"]?.stringValue else { return nil }
            return .object([
                "customId": .string(publicCustomID(customID, hashes: hashes, publicID: publicID)),
                "emoji": button["emoji"] ?? "", "label": button["label"] ?? "", "type": button["type"] ?? .int(2),
                "style": button["style"] ?? .int(2),
            ])
        }
        return .array(buttons)
    }

    /// The upstream `customId` of the parent's button that customers know as `customID`; nil when it has none.
    static func upstreamCustomID(for customID: String, parent: TaskRecord) -> String? {
        let hashes = upstreamHashes(in: parent.result)
        return (parent.result?["buttons"]?.arrayValue ?? []).lazy.compactMap { $0["customId"]?.stringValue }
            .first { publicCustomID($0, hashes: hashes, publicID: parent.id) == customID }
    }

    private static func isUUID(_ text: String) -> Bool {
        text.utf8.count == 36 && text.split(separator: "-", omittingEmptySubsequences: false).map(\.count) == [8, 4, 4, 4, 12]
            && text.allSatisfy { $0 == "-" || $0.isHexDigit }
    }
}
