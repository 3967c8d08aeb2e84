import Hummingbird

/// How one upstream words its errors: the hook a family gives `EmulatorFamilyEndpoint` so the shared request
/// steps (key check, faults, body reading) answer in the family's own shape.
protocol EmulatorErrorVocabulary: Sendable {
    /// The answer to a request without an acceptable key (401).
    var unauthorized: Response { get }

    /// The family's answer for the faults that replace the answer itself (`500`, `429`, `malformed`); nil for
    /// the others, which the shared `EmulatorFaultInjector` carries out.
    /// - Parameter successStatus: the route's normal status, which `malformed` answers with.
    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response?

    /// The family's answer for an error thrown by its routes or by the shared helpers (`EmulatorHTTPError` for
    /// field validation and body reading); nil for errors it does not know, which are rethrown.
    func response(for error: any Error) -> Response?

    /// The caller's key when this instance accepts it, nil otherwise; `Authorization: Bearer` unless the family
    /// takes its key in a header of its own.
    func acceptedKey(_ request: Request, endpoint: EmulatorEndpoint) -> String?
}

extension EmulatorErrorVocabulary {
    func acceptedKey(_ request: Request, endpoint: EmulatorEndpoint) -> String? {
        endpoint.acceptedBearerKey(request)
    }
}

/// The `{"detail": "..."}` vocabulary of the FastAPI upstreams (Luma): `EmulatorHTTPError` as it is.
struct EmulatorDetailVocabulary: EmulatorErrorVocabulary {
    var unauthorized: Response {
        EmulatorHTTPError(status: .unauthorized, detail: "Invalid API key").response
    }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        // The shared injector already answers in this shape.
        nil
    }

    func response(for error: any Error) -> Response? {
        (error as? EmulatorHTTPError)?.response
    }
}
