/// Why a result file could not be copied. None of them is logged with the file's URL, which may carry a signature.
enum MediaFetchFailure: Error, Equatable, CustomStringConvertible {
    /// The source is not one the gateway may fetch (not http(s), or a private address while those are refused).
    case refused
    /// The source's host did not resolve.
    case unresolved
    /// The source answered with this status.
    case status(Int)
    /// The file is larger than `media.max_bytes`.
    case tooLarge
    /// The copy took longer than `media.copy_timeout_ms`.
    case timedOut
    /// The connection or the disk failed.
    case failed

    /// A failure that a later attempt cannot mend: the source is refused, or too large.
    var isPermanent: Bool { self == .refused || self == .tooLarge }

    var description: String {
        switch self {
        case .refused: "source not allowed"
        case .unresolved: "source host did not resolve"
        case .status(let status): "source answered HTTP \(status)"
        case .tooLarge: "file larger than the media size cap"
        case .timedOut: "copy timed out"
        case .failed: "connection or disk failed"
        }
    }
}
