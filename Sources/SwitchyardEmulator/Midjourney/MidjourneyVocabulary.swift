import Hummingbird

/// A refusal as the proxy answers it: the submit envelope `{"code","description","result":null,"properties"}`,
/// with HTTP 200 for its own codes (4 validation, 23 queue full, 24 banned prompt, 3 no account) and 404 for an
/// unknown related task.
struct MidjourneyRefusal: Error, Sendable {
    let code: Int
    let description: String
    var properties: [(String, EmulatorJSON)] = []
    var status: HTTPResponse.Status = .ok

    var response: Response {
        EmulatorResponse.json(
            .object([("code", .int(code)), ("description", .string(description)), ("result", .null), ("properties", .object(properties))]),
            status: status)
    }

    /// Code 4: a field is missing or wrong.
    static func validation(_ description: String) -> MidjourneyRefusal {
        MidjourneyRefusal(code: 4, description: description)
    }

    /// Code 3 with 404: the related task is unknown (or not the caller's).
    static func taskNotFound(_ id: String) -> MidjourneyRefusal {
        MidjourneyRefusal(code: 3, description: "Related task \(id) does not exist or has expired", status: .notFound)
    }
}

/// The proxy's vocabulary: `mj-api-secret` as the key, refusals in the submit envelope.
struct MidjourneyVocabulary: EmulatorErrorVocabulary {
    var unauthorized: Response {
        MidjourneyRefusal(code: 4, description: "Unauthorized: wrong or missing mj-api-secret", status: .unauthorized).response
    }

    func acceptedKey(_ request: Request, endpoint: EmulatorEndpoint) -> String? {
        endpoint.acceptedKey(request, header: MidjourneyCatalog.keyHeader)
    }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        switch fault {
        case .serverError:
            return MidjourneyRefusal(code: 9, description: "Internal server error (emulated)", status: .internalServerError).response
        case .rateLimited:
            var response = MidjourneyRefusal(code: 23, description: "Too many requests (emulated)", status: .tooManyRequests).response
            response.headers[.retryAfter] = "1"
            return response
        case .malformed:
            return EmulatorResponse.raw(#"{"code":1,"description":"Submit success","result":"17"#, status: .ok)
        case .slow, .timeout, .drop, .cut, .fail, .partial, .lateCancel, .garbage, .slowBody:
            return nil
        }
    }

    func response(for error: any Error) -> Response? {
        switch error {
        case let refusal as MidjourneyRefusal: return refusal.response
        case let error as EmulatorHTTPError:
            return MidjourneyRefusal(code: 4, description: error.detail, status: error.status == .unprocessableContent ? .badRequest : error.status)
                .response
        default: return nil
        }
    }
}
