/// How one channel is to be asked: the request (without credentials), the family's authorizer that adds them, and
/// whatever the caller needs back about this channel's version of the call (the relay's translation plan).
public struct UpstreamAttempt<Plan: Sendable>: Sendable {
    public var request: UpstreamRequest
    public var authorizer: any UpstreamAuthorizer
    public var plan: Plan

    public init(request: UpstreamRequest, authorizer: any UpstreamAuthorizer, plan: Plan) {
        self.request = request
        self.authorizer = authorizer
        self.plan = plan
    }
}
