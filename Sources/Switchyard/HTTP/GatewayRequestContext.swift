import Hummingbird
import Logging

/// Per-request context: Hummingbird's core storage plus the request id that every log line and response carries.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let requestID: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = PublicID.requestID()
        self.logger[metadataKey: "request_id"] = .string(requestID)
    }
}
