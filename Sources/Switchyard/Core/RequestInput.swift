import Foundation

/// Small readers of request input shared by every family.
public enum RequestInput {
    /// A query parameter as an integer within `range`, or `default` when absent.
    public static func integer(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw GatewayError.validation(field: name, "must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return parsed
    }

    /// An id made safe to put in an upstream path: anything but id characters is dropped, so no id can rewrite the path.
    public static func pathSegment(_ id: String) -> String {
        String(id.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }.map(Character.init))
    }
}
