import Hummingbird
import NIOCore
import Logging

/// Per-request context: Hummingbird's core storage plus the request id that every log line and response carries.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    /// The client's address, for keys limited to some networks.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = PublicID.requestID()
        self.remoteAddress = source.channel.remoteAddress
        self.logger[metadataKey: "request_id"] = .string(requestID)
    }
}
