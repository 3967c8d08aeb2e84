import Foundation

/// The opaque `cursor` of `GET /predictions` pages: the position of the page's first prediction in the caller's
/// list, newest first (a prediction made between two reads shifts the pages by one, as offsets do).
enum ReplicateCursor {
    private static let prefix = "o:"

    static func cursor(_ offset: Int) -> String {
        Data((prefix + String(offset)).utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// The offset a cursor names; 0 without one; a cursor this gateway did not write is a 422.
    static func offset(_ cursor: String?) throws -> Int {
        guard let cursor, !cursor.isEmpty else { return 0 }
        let padded = cursor + String(repeating: "=", count: (4 - cursor.count % 4) % 4)
        guard cursor.count <= 40, let data = Data(base64Encoded: padded), let text = String(data: data, encoding: .utf8), text.hasPrefix(prefix),
            let offset = Int(text.dropFirst(prefix.count)), (0...Int(Int32.max)).contains(offset)
        else { throw GatewayError.validation(field: "cursor", "is not a cursor of this list") }
        return offset
    }
}
