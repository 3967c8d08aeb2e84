extension ConsoleMedia {
    /// The result files a task's customer-facing object links to, in order, without the inputs it echoes (the
    /// request, keyframes, prompts' images, callback addresses).
    static func results(in view: JSONValue, limit: Int = 8) -> [ConsoleMedia] {
        var found: [ConsoleMedia] = []
        var seen: Set<String> = []
        collect(view, field: "", into: &found, seen: &seen, limit: limit)
        return found
    }

    private static let inputFields = [
        "request", "keyframe", "prompt", "input", "callback", "webhook", "reference", "init_image", "source", "progress",
    ]

    private static func collect(_ value: JSONValue, field: String, into found: inout [ConsoleMedia], seen: inout Set<String>, limit: Int) {
        guard found.count < limit else { return }
        switch value {
        case .string(let text):
            guard text.hasPrefix("https://") || text.hasPrefix("http://"), seen.insert(text).inserted else { return }
            found.append(ConsoleMedia(url: text, field: field))
        case .array(let values):
            for value in values { collect(value, field: field, into: &found, seen: &seen, limit: limit) }
        case .object(let object):
            for key in object.keys {
                let name = key.lowercased()
                guard !inputFields.contains(where: { name.contains($0) }), let child = object[key] else { continue }
                collect(child, field: key, into: &found, seen: &seen, limit: limit)
            }
        default:
            return
        }
    }
}
