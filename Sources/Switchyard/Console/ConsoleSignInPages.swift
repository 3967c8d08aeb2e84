import Hummingbird

/// Sign-in with a key, and sign-out. The key is checked as the API checks it and then forgotten: the browser
/// keeps only a session cookie.
extension ConsoleServices {
    func registerSignIn(on console: RouterGroup<GatewayRequestContext>) {
        console.get("") { request, context in
            try await gate(request, context, role: nil) { visit in
                Self.redirect(visit.session.role == .operator ? "/console/dashboard" : "/console/me")
            }
        }
        console.get("sign-in") { request, _ in
            let ended = request.uri.queryParameters["ended"] != nil
            return signInPage(
                form: Self.signInForm(), notice: ended ? "Your session ended: the key was changed, revoked or expired. Sign in again." : nil)
        }
        console.post("sign-in") { request, context in
            if let refusal = ConsoleCSRF.crossSiteRefusal(request) { return refused(refusal, visit: nil) }
            let form = try await ConsoleFormInput.read(request, limit: bodyLimit)
            var view = Self.signInForm()
            do {
                let key = try form.text("key", required: true, maxLength: 200) ?? ""
                guard let token = try await tokens.authenticate(key: key) else {
                    throw GatewayError.validation(field: "key", "this key is not known, or it is disabled or revoked")
                }
                if let expiresAt = token.expiresAt, clock.nowMillis() >= expiresAt {
                    throw GatewayError.validation(field: "key", "this key has expired")
                }
                if let blocks = token.allowedIPs {
                    guard let address = context.remoteAddress, blocks.contains(where: { AddressBlock($0)?.contains(address) ?? false }) else {
                        throw GatewayError.validation(field: "key", "this key may not be used from this address")
                    }
                }
                let user: UserStore.User? = if let userID = token.userID { try await users.find(id: userID) } else { nil }
                let role = Self.role(of: user)
                let opened = try await sessions.open(tokenID: token.id, role: role)
                let secure = ConsoleCookie.isSecure(request, publicURLIsHTTPS: publicURLIsHTTPS)
                return Self.redirect(
                    role == .operator ? "/console/dashboard" : "/console/me",
                    headers: [.setCookie: ConsoleCookie.set(opened.id, maxAgeSeconds: sessions.lifetimeMillis / 1000, secure: secure)])
            } catch let error as GatewayError where error.code == .validationFailed {
                view.refuse(error, values: [:])
                return signInPage(form: view, status: .unauthorized)
            }
        }
        console.post("sign-out") { request, context in
            try await gate(request, context, role: nil) { visit in
                try await sessions.close(idHash: visit.session.idHash)
                let secure = ConsoleCookie.isSecure(request, publicURLIsHTTPS: publicURLIsHTTPS)
                return Self.redirect("/console/sign-in", headers: [.setCookie: ConsoleCookie.clear(secure: secure)])
            }
        }
    }

    private func signInPage(form: ConsoleFormView, notice: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        var section = ConsolePageView.Section(
            "Sign in with your key",
            intro: "An operator's key opens the operator console; a customer's key opens your own balance, keys, usage and tasks. "
                + "The key is not kept in this browser.")
        section.forms = [form]
        return views.response(ConsolePageView("Sign in", sections: [section], notice: notice), visit: nil, status: status)
    }

    private static func signInForm() -> ConsoleFormView {
        ConsoleFormView(
            id: "sign-in", action: "/console/sign-in", submit: "Sign in",
            fields: [.init(name: "key", label: "API key", kind: .password, hint: "Starts with sk-", required: true)])
    }
}
