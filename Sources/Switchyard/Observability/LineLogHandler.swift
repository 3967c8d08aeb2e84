import Foundation
import Glibc
import Logging

/// Writes log lines to standard output in swift-log's `StreamLogHandler` format, but formats metadata when a line
/// is written rather than whenever metadata is set.
///
/// Every request sets its id on its logger; `StreamLogHandler` re-renders all metadata on each set, which cost about
/// 4% of the relay's CPU although most requests log nothing.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let rendered = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(Self.timestamp()) \(event.level) \(label) :\(rendered) [\(event.source)] \(event.message)\n"
        LineLogOutput.write(line)
    }

    /// Local time as `StreamLogHandler` writes it (`2026-11-26T13:05:00+0000`).
    private static func timestamp() -> String {
        var buffer = [Int8](repeating: 0, count: 32)
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Standard output, one whole line per `write(2)` under a lock so that lines from different threads never
/// interleave. A line that cannot be written (a closed pipe, a full disk) is dropped, as `StreamLogHandler` drops it:
/// `FileHandle`'s non-throwing `write` traps on such errors, and NIO ignores SIGPIPE, so a log reader that went away
/// would have stopped the gateway.
private enum LineLogOutput {
    private static let lock = NSLock()

    static func write(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            lock.lock()
            defer { lock.unlock() }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
