import Hummingbird
import NIOCore

/// The request context of every emulator route.
///
/// Like Hummingbird's `BasicRequestContext`, plus the connection's channel: the `drop` fault must close the TCP
/// connection without writing any response, which only the channel can do.
struct EmulatorRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint path).
    var coreContext: CoreRequestContextStorage
    /// The connection this request arrived on.
    let channel: any Channel

    /// Builds the context from what the application provides for each request.
    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
