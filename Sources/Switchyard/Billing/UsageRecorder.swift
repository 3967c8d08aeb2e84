import Logging
import SQLKit
import ServiceLifecycle

/// Writes finished synchronous calls in batches, off the hot path: one usage row and one ledger charge per call
/// (idempotency key `charge:<request id>`), and the token's and its user's spend, in one transaction per batch.
public struct UsageRecorder: Service {
    let database: Database
    let buffer: SpendBuffer
    let intervalMillis: Int64
    let clock: Clock
    let logger: Logger

    public init(database: Database, buffer: SpendBuffer, intervalMillis: Int64 = 50, clock: Clock = .wall, logger: Logger) {
        self.clock = clock
        self.database = database
        self.buffer = buffer
        self.intervalMillis = intervalMillis
        self.logger = logger
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !isShuttingDown {
                await flush()
                try? await Task.sleep(for: .milliseconds(intervalMillis))
            }
        } onGracefulShutdown: {
        }
        // Whatever is queued at shutdown is still written.
        await flush()
    }

    private var isShuttingDown: Bool { Task.isShuttingDownGracefully }

    /// Writes everything queued; returns how many calls it wrote.
    @discardableResult
    public func flush() async -> Int {
        var written = 0
        while true {
            let batch = buffer.takeBatch(limit: 500)
            guard !batch.isEmpty else { return written }
            do {
                try await write(batch)
                buffer.written(batch, now: clock.nowMillis())
                written += batch.count
            } catch {
                logger.error("could not write usage", metadata: ["error": "\(error)"])
                buffer.requeue(batch)
                return written
            }
        }
    }

    /// Writes a batch in one transaction and a few statements: the usage rows in multi-row inserts (a request id
    /// already written is skipped, so a retried batch counts once), then the ledger charges of the rows written now.
    private func write(_ batch: [SpendBuffer.Charge]) async throws {
        try await database.transaction { sql in
            var newRows: Set<String> = []
            for start in stride(from: 0, to: batch.count, by: Ledger.rowsPerStatement) {
                let rows = batch[start..<min(start + Ledger.rowsPerStatement, batch.count)]
                let values = rows.map { charge -> SQLQueryString in
                    """
                    (\(bind: charge.requestID), \(bind: charge.tokenID), \(bind: charge.family), \(bind: charge.model), \(bind: charge.channelID),
                     \(bind: charge.inputTokens), \(bind: charge.outputTokens), \(bind: charge.cachedTokens), \(bind: charge.costMicros),
                     \(bind: charge.latencyMillis), \(bind: charge.status), \(bind: charge.createdAt))
                    """
                }
                let inserted = try await sql.raw(
                    """
                    INSERT INTO usage_logs (request_id, token_id, family, model, channel_id, input_tokens, output_tokens, cached_tokens,
                                            cost_micros, latency_ms, status, created_at)
                    VALUES \(values.joined(separator: ", "))
                    ON CONFLICT(request_id) DO NOTHING
                    RETURNING request_id
                    """
                ).all()
                for row in inserted { newRows.insert(try row.decode(column: "request_id", as: String.self)) }
            }
            // A request id written now is charged once, even should the batch hold it twice.
            let charges = batch.filter { newRows.remove($0.requestID) != nil && $0.costMicros > 0 }.map { charge in
                Ledger.BatchCharge(
                    tokenID: charge.tokenID, userID: charge.userID, amountMicros: charge.costMicros, idempotencyKey: "charge:" + charge.requestID,
                    reference: charge.requestID, detail: "\(charge.model) in=\(charge.inputTokens) out=\(charge.outputTokens)", price: charge.price,
                    now: charge.createdAt)
            }
            if !charges.isEmpty { try await Ledger.charge(in: sql, batch: charges) }
        }
    }
}
