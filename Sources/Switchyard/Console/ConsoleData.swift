/// Helpers for the dictionaries the templates render.
enum ConsoleData {
    /// Drops absent and empty values: a template section over a missing key renders nothing, whereas one over an
    /// empty string or a boxed nil would render.
    static func compact(_ values: [String: Any?]) -> [String: Any] {
        values.compactMapValues { value in
            guard let value else { return nil }
            if let text = value as? String, text.isEmpty { return nil }
            return value
        }
    }
}
