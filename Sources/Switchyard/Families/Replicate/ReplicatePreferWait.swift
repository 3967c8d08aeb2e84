/// Reads Replicate's `Prefer: wait` header: `wait` (60 seconds) or `wait=N` with N from 1 to 60.
enum ReplicatePreferWait {
    /// The longest a create call waits.
    static let maximumSeconds = 60

    /// The seconds to wait, nil when no `Prefer` value asks to; a `wait=` outside 1–60 is a 422.
    static func seconds(in values: [String]) throws -> Int? {
        for preference in values.flatMap({ $0.split(separator: ",") }) {
            let text = preference.trimmingCharacters(in: .whitespaces)
            if text.lowercased() == "wait" { return maximumSeconds }
            guard text.lowercased().hasPrefix("wait=") else { continue }
            guard let seconds = Int(text.dropFirst(5).trimmingCharacters(in: .whitespaces)), (1...maximumSeconds).contains(seconds) else {
                throw GatewayError.validation(field: "Prefer", "wait must be between 1 and \(maximumSeconds) seconds")
            }
            return seconds
        }
        return nil
    }
}
