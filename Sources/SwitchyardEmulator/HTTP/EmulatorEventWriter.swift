import Hummingbird
import NIOCore

/// Writes the events of one streamed answer: control events as they come, content chunks paced by the chunk
/// delay, and the `cut` fault's hang-up after the allowed number of content chunks.
struct EmulatorEventWriter {
    /// Hummingbird's body writer; every write is flushed to the client.
    private var writer: any ResponseBodyWriter
    /// Used for pacing pauses.
    private let runtime: EmulatorRuntime
    /// Closed by `cut`.
    private let channel: any Channel
    /// Pacing and faults.
    private let options: EmulatorStreamOptions
    /// Content chunks written so far.
    private var contentChunks = 0

    /// Wraps the body writer of a streaming response.
    init(
        writer: any ResponseBodyWriter,
        runtime: EmulatorRuntime,
        channel: any Channel,
        options: EmulatorStreamOptions
    ) {
        self.writer = writer
        self.runtime = runtime
        self.channel = channel
        self.options = options
    }

    /// Writes `text` (one or more complete events) at once.
    mutating func send(_ text: String) async throws {
        try await writer.write(ByteBuffer(string: text))
    }

    /// Writes one content chunk (a text or argument delta): after the chunk delay unless it is the first, and
    /// hanging up afterwards when `cut` allows no more.
    mutating func sendContent(_ text: String) async throws {
        if contentChunks > 0, options.chunkDelaySeconds > 0 {
            _ = await runtime.pause(seconds: options.chunkDelaySeconds)
        }
        try await send(text)
        contentChunks += 1
        if let limit = options.cutAfterChunks, contentChunks >= limit {
            try await hangUp()
        }
    }

    /// Marks the end of the content: under `cut` the connection is closed here, before the closing events.
    mutating func endOfContent() async throws {
        if options.cutAfterChunks != nil {
            try await hangUp()
        }
    }

    /// Ends the body normally.
    consuming func finish() async throws {
        try await writer.finish(nil)
    }

    /// Closes the connection mid-stream so the client sees an incomplete body, then unwinds the producer.
    private func hangUp() async throws -> Never {
        // Closing can fail only if the client already hung up, which is the outcome we want anyway.
        try? await channel.close(mode: .all)
        throw EmulatorConnectionClosed()
    }
}
