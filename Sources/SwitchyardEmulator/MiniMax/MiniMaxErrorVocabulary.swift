import Hummingbird

/// MiniMax's errors: HTTP 200 with `base_resp.status_code` (1004 authentication, 1002 rate limit, 2013 invalid
/// parameters, 1013 internal); the connection faults and 5xx stay the shared injector's.
struct MiniMaxErrorVocabulary: EmulatorErrorVocabulary {
    var unauthorized: Response { Self.refusal(1004) }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        fault == .rateLimited ? Self.refusal(1002) : nil
    }

    func response(for error: any Error) -> Response? {
        if let refusal = error as? MiniMaxRefusal { return Self.refusal(refusal.code, refusal.message) }
        guard let error = error as? EmulatorHTTPError else { return nil }
        return Self.refusal(2013, "invalid params, \(error.detail)")
    }

    static func refusal(_ code: Int, _ message: String? = nil) -> Response {
        EmulatorResponse.json(.object([("base_resp", MiniMaxCatalog.baseResp(code, message))]))
    }
}

/// A refusal in MiniMax's words, thrown by the routes.
struct MiniMaxRefusal: Error {
    let code: Int
    var message: String?
}
