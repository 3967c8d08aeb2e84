import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The Ideogram upstream (`https://api.ideogram.ai`) under `/ideogram`: every call answers at once with its images
/// (real PNG, or JPEG for upscales) behind signed links that expire on the emulator clock, or its descriptions.
///
/// Keys travel in `Api-Key` (a bearer token is refused with 401, as Ideogram does). Faults: the kit's
/// `X-Emulator-Fault` and `[fault:<x>]` (500, 429, drop…), and Ideogram's own `[fault:moderation]` (422),
/// `[fault:no-credits]` (402) and `[fault:invalid]` (400); `[unsafe]` marks the images unsafe but delivers them.
/// Counters are keyed like "POST /ideogram/generate" and "GET /ideogram/ephemeral/{file}".
struct IdeogramEmulatorRoutes: Sendable {
    let endpoint: EmulatorEndpoint
    let links: IdeogramSignedLink

    var runtime: EmulatorRuntime { endpoint.runtime }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(IdeogramCatalog.basePath))
        for call in IdeogramEmulatorCall.allCases {
            api.post(RouterPath(call.rawValue)) { request, context in
                try await respond(call, request, context)
            }
        }
        api.get("ephemeral/{file}") { request, context in
            try await endpoint.respond(route: "GET \(IdeogramCatalog.basePath)/ephemeral/{file}", successStatus: .ok, context: context) {
                try serve(request, context)
            }
        }
    }

    /// The shared steps (count, forced fault, key, body, requested fault) around one call's work.
    private func respond(_ call: IdeogramEmulatorCall, _ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        runtime.recordRequest(call.route)
        do {
            let forced = runtime.configuration.forcedFault
            if let forced, !forced.shapesOutcome, let response = try await endpoint.faults.apply(forced, context: context, successStatus: .ok) {
                return response
            }
            guard acceptedKey(request) != nil else { return IdeogramEmulatorError.unauthorized }
            let input = try await read(call, request)
            let prompt = (input.fields["prompt"]?.stringValue ?? "").lowercased()
            if prompt.contains("[fault:\(IdeogramCatalog.moderationFault)]") { return IdeogramEmulatorError.moderated }
            if prompt.contains("[fault:\(IdeogramCatalog.noCreditsFault)]") { return IdeogramEmulatorError.noCredits }
            if prompt.contains("[fault:\(IdeogramCatalog.invalidFault)]") { return IdeogramEmulatorError.invalid }
            var fault = forced
            if forced == nil {
                fault =
                    try EmulatorFaultSelector.headerFault(in: request.headers) ?? EmulatorFaultSelector.promptFault(in: prompt) ?? runtime.drawFault()
                if let fault, let response = try await endpoint.faults.apply(fault, context: context, successStatus: .ok) { return response }
            }
            let plan = try call.plan(input)
            let answer = call == .describe ? descriptions : images(plan, unsafe: prompt.contains(IdeogramCatalog.unsafeMarker))
            return endpoint.faults.reshape(EmulatorResponse.json(answer), for: fault)
        } catch let error as EmulatorHTTPError {
            return error.response
        }
    }

    /// The key in `Api-Key`, when this instance accepts it.
    private func acceptedKey(_ request: Request) -> String? {
        guard let name = HTTPField.Name("Api-Key"), let key = request.headers[name]?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
            return nil
        }
        if let accepted = runtime.configuration.acceptedKeys, !accepted.contains(key) { return nil }
        return key
    }

    /// The call's options: `/generate` reads JSON, the others a multipart form.
    private func read(_ call: IdeogramEmulatorCall, _ request: Request) async throws -> IdeogramEmulatorInput {
        if call == .generate {
            guard let body = try await endpoint.readJSONBody(request), let imageRequest = body["image_request"], imageRequest.isObject else {
                throw EmulatorHTTPError.unprocessable("image_request: Field required (a JSON object)")
            }
            return IdeogramEmulatorInput(object: imageRequest)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: EmulatorEndpoint.maximumBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw EmulatorHTTPError(status: .contentTooLarge, detail: "Request body too large")
        }
        guard let form = EmulatorMultipart(buffer, contentType: request.headers[.contentType]) else {
            throw EmulatorHTTPError.unprocessable("Expected a multipart/form-data body")
        }
        return try IdeogramEmulatorInput(form: form, nested: [.remix, .upscale].contains(call))
    }

    /// `{"created": ISO-8601, "data": [...]}` with one signed link per image.
    private func images(_ plan: IdeogramEmulatorCall.Plan, unsafe: Bool) -> EmulatorJSON {
        let now = runtime.clock.now
        let expiry = Int(
            runtime.clock.wallTime(of: EmulatorInstant(seconds: now.seconds + IdeogramCatalog.linkLifetimeSeconds)).timeIntervalSince1970)
        let images: [EmulatorJSON] = (0..<plan.count).map { index in
            let file = "\(UUID().uuidString.lowercased()).\(plan.fileExtension)"
            return .object([
                ("url", .string("\(runtime.rootURL)\(IdeogramCatalog.basePath)/ephemeral/\(file)?\(links.query(file: file, expiry: expiry))")),
                ("prompt", .string(plan.prompt)), ("resolution", .string("\(plan.width)x\(plan.height)")),
                ("is_image_safe", .bool(!unsafe)), ("seed", .int((plan.seed + index) % 2_147_483_648)),
                ("style_type", plan.styleType.map(EmulatorJSON.string) ?? .null),
            ])
        }
        return .object([("created", .string(EmulatorTimestamp.iso8601Microseconds(runtime.clock.wallTime(of: now)))), ("data", .array(images))])
    }

    /// `{"descriptions": [{"text"}]}`: what the emulator can honestly say of any picture it is shown.
    private var descriptions: EmulatorJSON {
        .object([("descriptions", .array([.object([("text", .string("A test pattern of vertical colour bars on a plain background."))])]))])
    }

    /// An image behind a signed link: 403 once the emulator clock passes `exp` or when the signature does not match.
    private func serve(_ request: Request, _ context: EmulatorRequestContext) throws -> Response {
        guard let name = context.parameters.get("file"), let file = EmulatorMediaFile(named: name) else {
            throw EmulatorHTTPError.notFound("Not Found")
        }
        let query = request.uri.queryParameters
        guard let expiry = query["exp"].flatMap({ Int(String($0)) }), let sig = query["sig"].map(String.init),
            links.verifies(file: name, expiry: expiry, sig: sig)
        else { throw EmulatorHTTPError(status: .forbidden, detail: "Invalid signature") }
        guard runtime.clock.wallTime(of: runtime.clock.now).timeIntervalSince1970 <= Double(expiry) else {
            throw EmulatorHTTPError(status: .forbidden, detail: "This link has expired")
        }
        return Response(
            status: .ok, headers: [.contentType: file.contentType, .contentLength: String(file.bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
