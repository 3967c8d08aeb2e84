import Foundation
import Logging

/// Copies the files a finished task's result links to into the media store and rewrites the result to link to
/// the gateway's copies. Every absolute http(s) URL in the result is a file to copy, except those the customer's
/// own request mentions (inputs the upstream echoes back, such as a keyframe image): the gateway never
/// fetches what a customer only named.
public struct MediaCopier: Sendable {
    let store: MediaStore
    let fetcher: MediaFetcher
    let settings: MediaSettings
    let clock: Clock

    /// What copying a result did.
    struct Outcome: Sendable {
        /// The result with every copied URL replaced by its gateway URL.
        var result: JSONValue
        /// How many of its files could not be copied (their upstream URLs are left in `result`).
        var failures: Int
        /// How many of those failed in a way a later attempt may mend (not refused, not too large).
        var transientFailures: Int
        /// The failures' reasons with the source hosts, for the log (never the URLs, which may be signed).
        var reasons: [String]
    }

    /// The result's files: upstream URL → its copy's digest, and the ones already copied for this task.
    struct Plan: Sendable {
        let sources: [(url: String, digest: String)]
        let copied: [String: MediaRecord]
        var missing: [(url: String, digest: String)] { sources.filter { copied[$0.digest] == nil } }
    }

    /// The files `result` links to that are the task's results, and which of them are already copied. `files` are
    /// the URLs of `result` its family calls files (every http(s) URL unless the family says otherwise).
    func plan(_ result: JSONValue, files: [String], of task: TaskRecord) async throws -> Plan {
        var inputs = Set<String>()
        task.request.allStrings(into: &inputs)
        task.upstreamRequest.allStrings(into: &inputs)
        let own = store.baseURL.value + "/media/"
        let sources = files.filter { !inputs.contains($0) && !$0.hasPrefix(own) }.map { ($0, MediaStore.sourceDigest($0)) }
        let copied = try await store.existing(taskID: task.id, sourceDigests: sources.map(\.1))
        return Plan(sources: sources, copied: copied)
    }

    /// Copies what `plan` misses, at most `maxConcurrentCopies` at once, and rewrites `result`.
    func copy(_ result: JSONValue, plan: Plan, of task: TaskRecord, logger: Logger) async -> Outcome {
        var copied = plan.copied
        var reasons: [String] = []
        var transient = 0
        await withTaskGroup(of: (digest: String, record: MediaRecord?, failure: (reason: String, permanent: Bool)?).self) { group in
            var pending = plan.missing[...]
            var running = 0
            func startNext() {
                guard let next = pending.popFirst() else { return }
                running += 1
                group.addTask { await copyOne(next.url, digest: next.digest, of: task) }
            }
            for _ in 0..<max(1, settings.maxConcurrentCopies) { startNext() }
            while running > 0, let done = await group.next() {
                running -= 1
                if let record = done.record { copied[done.digest] = record }
                if let failure = done.failure {
                    reasons.append(failure.reason)
                    if !failure.permanent { transient += 1 }
                }
                startNext()
            }
        }
        var mapping: [String: String] = [:]
        for (url, digest) in plan.sources {
            if let record = copied[digest] { mapping[url] = store.url(of: record, fileExtension: Self.fileExtension(of: url)) }
        }
        return Outcome(
            result: result.replacingStrings(mapping), failures: plan.sources.count - mapping.count, transientFailures: transient, reasons: reasons)
    }

    /// Downloads one file and records it; on failure, why (with the source's host).
    private func copyOne(_ url: String, digest: String, of task: TaskRecord) async -> (
        digest: String, record: MediaRecord?, failure: (reason: String, permanent: Bool)?
    ) {
        let host = Self.host(of: url)
        let id = MediaStore.newID()
        do {
            try await store.prepareFolder(of: id)
        } catch {
            return (digest, nil, ("\(host): media directory not writable", false))
        }
        do {
            let fetched = try await fetcher.fetch(url, to: store.path(of: id))
            try await store.backend.keep(fileAt: store.path(of: id), id: id, contentType: fetched.contentType, size: fetched.size)
            let now = clock.nowMillis()
            let (expiry, overflow) = now.addingReportingOverflow(settings.lifetimeMillis)
            let record = MediaRecord(
                id: id, taskID: task.id, tokenID: task.tokenID, contentType: fetched.contentType, size: fetched.size, sha256: fetched.sha256,
                sourceDigest: digest, sourceHost: host, createdAt: now, expiresAt: overflow ? .max : expiry)
            return (digest, try await store.insert(record), nil)
        } catch let failure as MediaFetchFailure {
            return (digest, nil, ("\(host): \(failure)", failure.isPermanent))
        } catch {
            // Kept in the bucket but not recorded (or not kept at all): removed wherever it is, as no sweep would find it.
            await store.backend.remove(id: id, localPath: store.path(of: id))
            return (digest, nil, ("\(host): could not keep the copy (\(error))", false))
        }
    }

    /// The URL's host, what operators see of a source.
    static func host(of url: String) -> String {
        URLComponents(string: url)?.host.map { String($0.prefix(253)) } ?? "unknown"
    }

    /// The extension of the URL's last path segment (`mp4`, `png`), when it is a short plain one.
    static func fileExtension(of url: String) -> String? {
        guard let path = URLComponents(string: url)?.path, let last = path.split(separator: "/").last, let dot = last.lastIndex(of: ".")
        else { return nil }
        let ext = last[last.index(after: dot)...].lowercased()
        return (1...5).contains(ext.count) && ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? ext : nil
    }
}
