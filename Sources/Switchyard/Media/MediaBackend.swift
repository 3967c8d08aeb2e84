import Hummingbird

/// Where the media store keeps the bytes of its copies: a directory (the default) or an S3-compatible bucket. A
/// copy is always downloaded to a local file first (`MediaStore.path(of:)`); the backend then keeps it.
protocol MediaBackend: Sendable {
    /// Takes the complete file at `path` as the bytes of copy `id` (an object store uploads it and removes it).
    func keep(fileAt path: String, id: String, contentType: String, size: Int64) async throws
    /// The bytes `range` of copy `id`, streamed.
    func body(of id: String, localPath: String, range: ClosedRange<Int64>, context: GatewayRequestContext) async throws -> ResponseBody
    /// All bytes of copy `id` (`size` of them), read into memory: for a caller that needs the file itself, such as an
    /// OpenAI `b64_json` answer.
    func bytes(of id: String, localPath: String, size: Int64) async throws -> [UInt8]
    /// Deletes the bytes of copy `id`, wherever they are.
    func remove(id: String, localPath: String) async
}
