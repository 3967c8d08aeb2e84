import HTTPTypes
import NIOCore
import NIOHTTP1

/// How one channel will be asked: the path, the body (passed through, model swapped, or translated) and the
/// authorizer of the channel's family.
struct UpstreamPlan: Sendable {
    let path: String
    let body: ByteBuffer
    let translator: (any ChatTranslator)?
    let authorizer: any UpstreamAuthorizer

    init(endpoint: RelayEndpoint, channel: Channel, bytes: [UInt8], body: ByteBuffer, facts: RelayFacts) throws {
        authorizer = FamilyModules.authorizer(for: channel.family)
        let upstreamModel = channel.upstreamModel(for: facts.model)
        if channel.family == endpoint.family {
            path = endpoint.upstreamPath
            translator = nil
            if upstreamModel != facts.model, let range = facts.modelRange {
                // Only the model's bytes change; the rest of the body passes as the client sent it.
                var swapped = ByteBuffer()
                swapped.writeBytes(bytes[..<range.lowerBound])
                swapped.writeString(JSONValue.string(upstreamModel).encoded())
                swapped.writeBytes(bytes[range.upperBound...])
                self.body = swapped
            } else {
                self.body = body
            }
        } else if let route = endpoint.translations[channel.family] {
            guard case .object(let client)? = JSONValue.parse(bytes) else { throw GatewayError.invalidRequest("Request body must be a JSON object") }
            path = route.upstreamPath
            translator = route.translator
            self.body = ByteBuffer(string: JSONValue.object(try route.translator.upstreamRequest(client, upstreamModel: upstreamModel)).encoded())
        } else {
            throw GatewayError.noChannel(model: facts.model)
        }
    }

    /// The call for the executor, which adds the channel's base URL and, through `authorizer`, its key.
    func request(clientHeaders: HTTPFields) -> UpstreamRequest {
        var headers = HTTPHeaders()
        for name in SyncRelay.forwardedHeaders {
            guard let value = clientHeaders[name] else { continue }
            // A translated body is JSON whatever the client sent; its dialect's headers do not apply upstream.
            if translator != nil && name != .accept { continue }
            headers.add(name: name.canonicalName, value: value)
        }
        if translator != nil || !headers.contains(name: "content-type") {
            headers.replaceOrAdd(name: "content-type", value: "application/json")
        }
        return UpstreamRequest(method: .POST, path: path, headers: headers, body: body)
    }
}
