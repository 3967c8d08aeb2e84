import Foundation

extension EmulatorIdentifier {
    /// A fresh lowercase UUID, the form the ids of the task upstreams (Luma, Suno, Udio) take.
    static func uuid() -> String {
        UUID().uuidString.lowercased()
    }
}
