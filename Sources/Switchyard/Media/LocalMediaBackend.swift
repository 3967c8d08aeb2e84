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

    func remove(id: String, localPath: String) async {
        _ = try? await FileSystem.shared.removeItem(at: FilePath(localPath), strategy: .platformDefault, recursively: false)
    }
}
