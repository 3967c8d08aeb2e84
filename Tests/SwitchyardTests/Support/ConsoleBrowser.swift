import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A minimal browser for the web console: keeps the session cookie, never follows redirects (the tests look at
/// them), and posts forms as a browser does, with the page's own CSRF token and a same-origin `Origin`.
final class ConsoleBrowser: Sendable {
    let baseURL: String
    private let client: HTTPClient
    private let sessionCookie = Mutex<String?>(nil)

    init(baseURL: String) {
        self.baseURL = baseURL
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async { try? await client.shutdown() }

    /// One answer of the console.
    struct Page: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: String
        var location: String? { headers.first(name: "Location") }
        var setCookie: String? { headers.first(name: "Set-Cookie") }

        /// The value of the first hidden input named `name` (the CSRF token, a form's idempotency key).
        func hidden(_ name: String, inForm action: String? = nil) -> String? {
            var text = Substring(body)
            if let action, let start = body.range(of: "action=\"\(action)\"") { text = body[start.upperBound...] }
            guard let field = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(text[field.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// The session id the browser holds, if any.
    var cookie: String? { sessionCookie.withLock { $0 } }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Page {
        try await send(.GET, path, body: nil, headers: headers)
    }

    /// Posts `fields` as a form, adding the CSRF token of the page the browser last had unless `csrf` says otherwise.
    func post(_ path: String, _ fields: [String: String], headers: [(String, String)]? = nil) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, body: body, headers: headers ?? [("Origin", baseURL), ("Sec-Fetch-Site", "same-origin")])
    }

    /// Signs in with `key`; returns the answer (a 303 to the role's home when the key is accepted).
    @discardableResult
    func signIn(_ key: String) async throws -> Page {
        try await post("/console/sign-in", ["key": key])
    }

    /// Loads `page`, then posts `fields` to `action` with that page's CSRF token (and its idempotency key, when
    /// the form has one and `fields` gives none), as a person filling in the form would.
    func submit(on page: String, to action: String, _ fields: [String: String]) async throws -> Page {
        let loaded = try await get(page)
        var fields = fields
        fields["csrf"] = loaded.hidden("csrf", inForm: action) ?? ""
        if fields["idempotency_key"] == nil, let key = loaded.hidden("idempotency_key", inForm: action) { fields["idempotency_key"] = key }
        return try await post(action, fields)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?, headers: [(String, String)]) async throws -> Page {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: "switchyard_console=\(cookie)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let page = Page(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
        if let setCookie = page.setCookie, let pair = setCookie.split(separator: ";").first, pair.hasPrefix("switchyard_console=") {
            let value = String(pair.dropFirst("switchyard_console=".count))
            sessionCookie.withLock { $0 = value.isEmpty ? nil : value }
        }
        return page
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
