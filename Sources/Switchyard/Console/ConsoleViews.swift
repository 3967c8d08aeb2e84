import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders console pages: the templates parsed once into a library, the layout with its navigation, and the
/// headers every console page carries.
struct ConsoleViews: Sendable {
    let library: MustacheLibrary

    /// The templates, parsed once per process.
    static let shared = ConsoleViews()

    /// Parses every template; one that does not parse is a programming error, which every console test finds.
    private init() {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                fatalError("console template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// The sections of the navigation, by role.
    static func navigation(for role: ConsoleRole) -> [(label: String, href: String)] {
        switch role {
        case .operator:
            return [
                ("Dashboard", "/console/dashboard"), ("Channels", "/console/channels"), ("Users", "/console/users"), ("Keys", "/console/keys"),
                ("Prices", "/console/prices"), ("Logs", "/console/logs"), ("Tasks", "/console/tasks"),
                ("Reconciliation", "/console/reconciliation"),
            ]
        case .customer:
            return [("Overview", "/console/me"), ("Keys", "/console/me/keys"), ("Usage", "/console/me/usage"), ("Tasks", "/console/me/tasks")]
        }
    }

    /// A whole page as an HTML response; `visit` gives the navigation and the sign-out form (none on sign-in).
    func response(_ page: ConsolePageView, visit: ConsoleVisit?, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let body =
            library.render(["sections": page.sections.map { $0.render() }, "csrf": visit?.session.csrfToken ?? ""], withTemplate: "page") ?? ""
        var layout: [String: Any?] = [
            "pageTitle": page.title, "notice": page.notice, "problem": page.problem, "body": body, "assetVersion": ConsoleAssets.version,
        ]
        if let visit {
            let path = visit.request.uri.path
            let navigation = Self.navigation(for: visit.session.role)
            // The longest matching entry is the current one (`/console/me/keys` over `/console/me`).
            let current = navigation.filter { path == $0.href || path.hasPrefix($0.href + "/") }.max { $0.href.count < $1.href.count }?.href
            layout["signedIn"] = true
            layout["csrf"] = visit.session.csrfToken
            layout["who"] = visit.session.role == .operator ? "Operator · \(visit.token.name)" : "Customer · \(visit.token.name)"
            layout["nav"] = navigation.map { ["navLabel": $0.label, "navHref": $0.href, "navCurrent": $0.href == current] }
        }
        let html = library.render(ConsoleData.compact(layout), withTemplate: "layout") ?? ""
        var fields = Self.pageHeaders
        for field in headers { fields.append(field) }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Every page: HTML, never cached (it shows balances and, once, keys), never framed, scripts only from the
    /// console itself.
    static let pageHeaders: HTTPFields = [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
        HTTPField.Name("X-Frame-Options")!: "DENY", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        .contentSecurityPolicy:
            "default-src 'self'; img-src 'self' http: https: data:; media-src 'self' http: https:; style-src 'self'; script-src 'self'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ]
}
