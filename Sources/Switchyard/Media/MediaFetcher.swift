import AsyncHTTPClient
import Crypto
import Logging
import NIOCore
import SystemPackage
import _NIOFileSystem

/// Downloads one result file to disk as it arrives (never whole in memory), through the same SSRF guard as
/// callbacks: http(s) only, no private addresses unless allowed, connected to the very address that was checked,
/// no redirects, a size cap and a deadline for the whole copy.
struct MediaFetcher: Sendable {
    let client: HTTPClient
    let policy: CallbackTargetPolicy
    let settings: MediaSettings
    let logger: Logger

    /// What was written: the bytes' type, length and SHA-256.
    struct Fetched: Sendable, Equatable {
        let contentType: String
        let size: Int64
        let sha256: String
    }

    /// Copies `url` into the file at `path`; on any failure the partial file is removed.
    func fetch(_ url: String, to path: String) async throws(MediaFetchFailure) -> Fetched {
        let pinned: CallbackTargetPolicy.PinnedTarget?
        do {
            pinned = try await policy.checkResolved(url)
        } catch is CallbackTargetPolicy.Unresolved {
            throw .unresolved
        } catch {
            throw .refused
        }
        do {
            return try await withDeadline(milliseconds: settings.copyTimeoutMillis) {
                try await download(url, pinned: pinned, to: path)
            }
        } catch {
            _ = try? await FileSystem.shared.removeItem(at: FilePath(path), strategy: .platformDefault, recursively: false)
            throw (error as? MediaFetchFailure) ?? .failed
        }
    }

    private func download(_ url: String, pinned: CallbackTargetPolicy.PinnedTarget?, to path: String) async throws -> Fetched {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "Switchyard-Media/1")
        guard let pinned else {
            // An IP literal: the shared client (redirects off) connects where the URL says, which was checked.
            return try await write(client.execute(request, timeout: .milliseconds(settings.copyTimeoutMillis), logger: logger), to: path)
        }
        // A client of its own that connects to the checked address (TLS still verifies the host name), as
        // callbacks do; copies happen once per finished result file.
        var configuration = CallbackSender.pinnedConfiguration(pinned)
        configuration.timeout = .init(connect: .seconds(10), read: .milliseconds(settings.copyTimeoutMillis))
        let pinnedClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let fetched = try await write(
                pinnedClient.execute(request, timeout: .milliseconds(settings.copyTimeoutMillis), logger: logger), to: path)
            try? await pinnedClient.shutdown()
            return fetched
        } catch {
            try? await pinnedClient.shutdown()
            throw error
        }
    }

    /// Streams a response's body into the file, hashing and counting as it goes; stops at the size cap.
    private func write(_ response: HTTPClientResponse, to path: String) async throws -> Fetched {
        guard (200..<300).contains(response.status.code) else { throw MediaFetchFailure.status(Int(response.status.code)) }
        let cap = settings.maxBytes
        if let declared = response.headers.first(name: "Content-Length").flatMap(Int64.init), declared > cap {
            throw MediaFetchFailure.tooLarge
        }
        var hasher = SHA256()
        var size: Int64 = 0
        try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(path), options: .newFile(replaceExisting: true)) { handle in
            try await handle.withBufferedWriter { writer in
                for try await chunk in response.body {
                    size += Int64(chunk.readableBytes)
                    guard size <= cap else { throw MediaFetchFailure.tooLarge }
                    chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                    _ = try await writer.write(contentsOf: chunk)
                }
            }
        }
        let contentType = response.headers.first(name: "Content-Type").map { String($0.prefix(200)) } ?? "application/octet-stream"
        return Fetched(contentType: contentType, size: size, sha256: Hex.encode(hasher.finalize()))
    }

    /// Runs `body`, cancelling it and throwing `timedOut` when it takes longer than `milliseconds`.
    private func withDeadline<T: Sendable>(milliseconds: Int64, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(milliseconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw MediaFetchFailure.timedOut }
            return value
        }
    }
}
