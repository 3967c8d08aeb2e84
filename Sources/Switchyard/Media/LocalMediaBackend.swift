import Hummingbird
import SystemPackage
import _NIOFileSystem

/// Copies kept as files in the media directory, where they were downloaded.
struct LocalMediaBackend: MediaBackend {
    let fileIO = FileIO(threadPool: .singleton)

    func keep(fileAt path: String, id: String, contentType: String, size: Int64) async throws {}

    func body(of id: String, localPath: String, range: ClosedRange<Int64>, context: GatewayRequestContext) async throws -> ResponseBody {
        try await fileIO.loadFile(path: localPath, range: Int(range.lowerBound)...Int(range.upperBound), context: context)
    }

    func bytes(of id: String, localPath: String, size: Int64) async throws -> [UInt8] {
        let buffer = try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(localPath)) { handle in
            try await handle.readToEnd(maximumSizeAllowed: .bytes(max(size, 0)))
        }
        return Array(buffer.readableBytesView)
    }

    func remove(id: String, localPath: String) async {
        _ = try? await FileSystem.shared.removeItem(at: FilePath(localPath), strategy: .platformDefault, recursively: false)
    }
}
