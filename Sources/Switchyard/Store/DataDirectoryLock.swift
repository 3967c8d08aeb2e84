import Foundation
import Synchronization

/// The claim of one serving process on a data directory: an exclusive advisory lock (`flock`) on
/// `switchyard.lock` in it, held until released or until the process ends, with the holder's pid in the file.
///
/// Two gateways on one store would each keep their own reservations, caches and rate limits, so a second one is
/// refused. Only `serve` takes it: the CLI's other commands are meant to run next to a live gateway.
public final class DataDirectoryLock: Sendable {
    private let descriptor: Mutex<Int32?>

    private init(descriptor: Int32) { self.descriptor = Mutex(descriptor) }

    /// Takes the lock of `directory` (created if needed), or throws `DataDirectoryInUse` naming the holder's pid.
    public static func acquire(directory: String) throws -> DataDirectoryLock {
        try FileSystemHelpers.createDirectory(directory)
        let path = directory.hasSuffix("/") ? directory + "switchyard.lock" : directory + "/switchyard.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw GatewayError.internalError("cannot open \(path): errno \(errno)") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readPid(descriptor)
            close(descriptor)
            throw DataDirectoryInUse(directory: directory, pid: holder)
        }
        // The lock is ours: the file now names us, for the message a second process prints.
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return DataDirectoryLock(descriptor: descriptor)
    }

    /// Gives the directory up; later calls do nothing.
    public func release() {
        guard
            let descriptor = descriptor.withLock({ value in
                defer { value = nil }; return value
            })
        else { return }
        close(descriptor)
    }

    deinit { release() }

    private static func readPid(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Another process serves this data directory.
public struct DataDirectoryInUse: Error, Equatable, CustomStringConvertible {
    public let directory: String
    /// The serving process, when its lock file says.
    public let pid: Int32?

    public var description: String {
        "data directory \(directory) is already served by another switchyard process (pid \(pid.map(String.init) ?? "unknown")); "
            + "stop it first, or give this one its own --data directory"
    }
}
