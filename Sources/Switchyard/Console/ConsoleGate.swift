import Hummingbird

/// The checks in front of every console page, made on the server for every request: a live session, the key it
/// was opened with still active with the same role (a revoked key's session ends at once), the role the page
/// needs, and for a post, a same-origin request carrying the session's CSRF token.
extension ConsoleServices {
    /// Runs `body` for a request that passes the gate; answers a sign-in redirect, a 403 page or an error page
    /// otherwise. `role` nil admits both roles.
    func gate(
        _ request: Request, _ context: GatewayRequestContext, role: ConsoleRole?, _ body: (ConsoleVisit) async throws -> Response
    ) async throws -> Response {
        let secure = ConsoleCookie.isSecure(request, publicURLIsHTTPS: publicURLIsHTTPS)
        let isPost = request.method == .post
        if isPost, let refusal = ConsoleCSRF.crossSiteRefusal(request) { return refused(refusal, visit: nil) }
        guard let id = ConsoleCookie.sessionID(in: request), let session = try await sessions.find(id: id) else {
            return Self.redirect("/console/sign-in", headers: [.setCookie: ConsoleCookie.clear(secure: secure)])
        }
        guard let standing = try await standing(of: session) else {
            try await sessions.close(idHash: session.idHash)
            return Self.redirect("/console/sign-in?ended=1", headers: [.setCookie: ConsoleCookie.clear(secure: secure)])
        }
        var form = ConsoleFormInput(values: [:])
        if isPost { form = try await ConsoleFormInput.read(request, limit: bodyLimit) }
        let visit = ConsoleVisit(request: request, context: context, session: session, token: standing.0, user: standing.1, form: form)
        if isPost, !ConsoleCSRF.carriesToken(form, expected: session.csrfToken) {
            return refused("This form has expired or did not come from this console. Reload the page and try again.", visit: visit)
        }
        if let role, role != session.role {
            return refused("This page is for operators. Your key opens the customer pages.", visit: visit)
        }
        do {
            return try await body(visit)
        } catch let error as GatewayError {
            let status = error.status.code >= 500 ? HTTPResponse.Status.internalServerError : error.status
            var page = ConsolePageView(status == .notFound ? "Not found" : "Something went wrong")
            page.problem = error.code == .internalError ? "The gateway could not finish this request." : error.message
            return views.response(page, visit: visit, status: status)
        }
    }

    /// The session's key and user as they stand now, or nil when the session no longer holds: the key revoked,
    /// disabled or expired, its user disabled, or the role changed since sign-in.
    func standing(of session: ConsoleSessionStore.Session) async throws -> (Token, UserStore.User?)? {
        guard let token = try await tokens.find(id: session.tokenID), token.status == "active" else { return nil }
        if let expiresAt = token.expiresAt, clock.nowMillis() >= expiresAt { return nil }
        var user: UserStore.User?
        if let userID = token.userID {
            guard let found = try await users.find(id: userID), found.status == "active" else { return nil }
            user = found
        }
        return Self.role(of: user) == session.role ? (token, user) : nil
    }

    /// An operator is a key whose user is an active administrator, as the admin API decides; any other key is a
    /// customer's.
    static func role(of user: UserStore.User?) -> ConsoleRole { user?.isAdmin == true ? .operator : .customer }

    /// The 403 page.
    func refused(_ message: String, visit: ConsoleVisit?) -> Response {
        var page = ConsolePageView("Not allowed")
        page.problem = message
        var next = ConsolePageView.Section("Where next")
        next.links = [visit == nil ? ("Sign in", "/console/sign-in") : ("Back to your console", "/console")]
        page.sections = [next]
        return views.response(page, visit: visit, status: .forbidden)
    }

    /// A 303 to `location` (after a post, the browser then loads it with GET).
    static func redirect(_ location: String, headers: HTTPFields = [:]) -> Response {
        var fields: HTTPFields = [.location: location, .cacheControl: "no-store"]
        for field in headers { fields.append(field) }
        return Response(status: .seeOther, headers: fields)
    }
}
