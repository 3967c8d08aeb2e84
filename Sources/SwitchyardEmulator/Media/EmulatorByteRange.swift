/// A single byte range of a `Range: bytes=...` request header, resolved against a file length.
///
/// Browsers fetch video with range requests (Safari will not play a video whose server ignores them), so the
/// media route honours the single-range forms. Multi-range requests are answered with the whole file, which
/// RFC 9110 allows.
struct EmulatorByteRange: Sendable, Equatable {
    /// First byte offset, inclusive.
    let lowerBound: Int
    /// Last byte offset, inclusive.
    let upperBound: Int

    /// Number of bytes in the range.
    var count: Int { upperBound - lowerBound + 1 }

    /// The outcome of reading a `Range` header.
    enum Resolution: Equatable {
        /// No usable range: send the whole file with 200.
        case wholeFile
        /// Send this part with 206.
        case partial(EmulatorByteRange)
        /// The range lies outside the file: answer 416.
        case unsatisfiable
    }

    /// Resolves `header` (e.g. "bytes=0-", "bytes=100-199", "bytes=-500") for a file of `length` bytes.
    static func resolve(_ header: String?, length: Int) -> Resolution {
        guard let header, header.hasPrefix("bytes=") else { return .wholeFile }
        let spec = header.dropFirst("bytes=".count)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .wholeFile }
        let first = spec[..<dash].trimmingSpaces
        let last = spec[spec.index(after: dash)...].trimmingSpaces

        if first.isEmpty {
            // Suffix form: the last N bytes.
            guard let suffixLength = Int(last), suffixLength > 0 else { return .unsatisfiable }
            guard length > 0 else { return .unsatisfiable }
            return .partial(EmulatorByteRange(lowerBound: max(0, length - suffixLength), upperBound: length - 1))
        }
        guard let start = Int(first), start >= 0 else { return .wholeFile }
        guard start < length else { return .unsatisfiable }
        if last.isEmpty {
            return .partial(EmulatorByteRange(lowerBound: start, upperBound: length - 1))
        }
        guard let end = Int(last), end >= start else { return .wholeFile }
        return .partial(EmulatorByteRange(lowerBound: start, upperBound: min(end, length - 1)))
    }
}

extension Substring {
    /// The text without leading and trailing spaces (header values may pad around "-").
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
