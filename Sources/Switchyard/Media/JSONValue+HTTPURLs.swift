extension JSONValue {
    /// Every string in the value that is an absolute http(s) URL, each once, in the order first met.
    func httpURLs() -> [String] {
        var seen = Set<String>()
        var found: [String] = []
        collectHTTPURLs(seen: &seen, into: &found)
        return found
    }

    /// Every string in the value, at any depth (what a request mentions, to tell inputs from results).
    func allStrings(into strings: inout Set<String>) {
        switch self {
        case .string(let value): strings.insert(value)
        case .array(let values): for value in values { value.allStrings(into: &strings) }
        case .object(let object): for key in object.keys { object[key]?.allStrings(into: &strings) }
        default: break
        }
    }

    private func collectHTTPURLs(seen: inout Set<String>, into found: inout [String]) {
        switch self {
        case .string(let value):
            let lower = value.prefix(8).lowercased()
            if (lower.hasPrefix("http://") || lower.hasPrefix("https://")), value.utf8.count <= 4096, !value.contains(" "),
                seen.insert(value).inserted
            {
                found.append(value)
            }
        case .array(let values): for value in values { value.collectHTTPURLs(seen: &seen, into: &found) }
        case .object(let object):
            for key in object.keys { object[key]?.collectHTTPURLs(seen: &seen, into: &found) }
        default: break
        }
    }
}
