import Logging
import Synchronization

/// Keeps every log line of the loggers it makes, with level, source, message, metadata and error.
final class LogSink: Sendable {
    private let recorded = Mutex<[(level: Logger.Level, text: String)]>([])

    /// The lines logged at `level` or above.
    func lines(atLeast level: Logger.Level = .trace) -> [String] {
        recorded.withLock { $0.filter { $0.level >= level }.map(\.text) }
    }

    func append(_ level: Logger.Level, _ text: String) { recorded.withLock { $0.append((level, text)) } }

    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "captured") { label in CapturingLogHandler(label: label, sink: self) }
        logger.logLevel = level
        return logger
    }
}

struct CapturingLogHandler: LogHandler {
    let label: String
    let sink: LogSink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        for (key, value) in event.metadata ?? [:] { merged[key] = value }
        let error = event.error.map { " error=\(String(reflecting: $0))" } ?? ""
        sink.append(event.level, "\(event.level) [\(label)/\(event.source)] \(event.message) \(merged)\(error)")
    }
}
