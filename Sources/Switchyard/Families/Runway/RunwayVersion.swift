import HTTPTypes
import Hummingbird

/// The `X-Runway-Version` header Runway requires on every call: a missing or unknown one is a 400, as upstream
/// answers it; the caller's version is what the upstream gets.
enum RunwayVersion {
    static let headerName = "X-Runway-Version"
    /// The API versions Runway publishes.
    static let known = ["2024-11-06"]

    /// The caller's version, or a 400 naming the header.
    static func require(_ request: Request) throws -> String {
        guard let field = HTTPField.Name(headerName), let value = request.headers[field], !value.isEmpty else {
            throw GatewayError.invalidRequest("The \(headerName) header is required. Set it to \(known[0]).")
        }
        guard known.contains(value) else {
            throw GatewayError.invalidRequest("Unsupported \(headerName): \(value). Supported versions: \(known.joined(separator: ", ")).")
        }
        return value
    }

    /// `request` with the version header set.
    static func versioned(_ request: UpstreamRequest, _ version: String?) -> UpstreamRequest {
        var request = request
        request.headers.replaceOrAdd(name: headerName, value: version ?? known[0])
        return request
    }
}
