/// What a `Range` request header asks of a file of a known length. Single ranges only (`bytes=0-99`, `bytes=100-`,
/// `bytes=-500`); anything else is answered with the whole file, which RFC 9110 allows.
enum MediaByteRange: Sendable, Equatable {
    /// The whole file, 200.
    case whole
    /// These bytes (inclusive bounds), 206.
    case part(ClosedRange<Int64>)
    /// Outside the file, 416.
    case unsatisfiable

    static func resolve(_ header: String?, length: Int64) -> MediaByteRange {
        guard let header, header.hasPrefix("bytes=") else { return .whole }
        let spec = header.dropFirst("bytes=".count).filter { $0 != " " }
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int64(last), suffix > 0, length > 0 else { return .unsatisfiable }
            return .part(max(0, length - suffix)...(length - 1))
        }
        guard let start = Int64(first), start >= 0 else { return .whole }
        guard start < length else { return .unsatisfiable }
        guard !last.isEmpty else { return .part(start...(length - 1)) }
        guard let end = Int64(last), end >= start else { return .whole }
        return .part(start...min(end, length - 1))
    }
}
