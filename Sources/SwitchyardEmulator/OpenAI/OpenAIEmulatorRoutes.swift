import Hummingbird

/// The OpenAI API, served under its official base path `/v1`.
///
/// Request counters are keyed by method and full path template, e.g. "POST /v1/chat/completions" or
/// "GET /v1/models/{id}". `GET /v1/models` is shared with Anthropic and registered by `EmulatorModelRoutes`.
struct OpenAIEmulatorRoutes: Sendable {
    /// Official base path of the API.
    static let basePath = "/v1"
    /// Folder of this family's assets under `/media`.
    static let mediaFamily = "openai"
    /// The `system_fingerprint` of every completion.
    static let systemFingerprint = "fp_emulator"

    /// Common OpenAI request handling (counting, key, faults, errors).
    let endpoint: OpenAIEndpoint

    /// Adds every OpenAI route but the model reads to `router`.
    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(Self.basePath))
        api.post("chat/completions") { request, context in
            try await endpoint.respond("POST /v1/chat/completions", request, context, body: .streamableJSON) { call in
                let chat = try OpenAIChatRequest(OpenAIParameters(call.body), streams: call.streams)
                return try await call.answer(keywordText: chat.conversation.lastUserText) { stream in
                    let answer = OpenAIChatAnswer(chat)
                    return call.streams
                        ? OpenAIChatStream.response(answer, stream: stream) : EmulatorResponse.json(answer.json)
                }
            }
        }
        api.post("completions") { request, context in
            try await endpoint.respond("POST /v1/completions", request, context, body: .streamableJSON) { call in
                let completion = try OpenAICompletionRequest(OpenAIParameters(call.body), streams: call.streams)
                return try await call.answer(keywordText: completion.lastPromptText) { stream in
                    let answer = OpenAICompletionAnswer(completion)
                    return call.streams
                        ? OpenAICompletionStream.response(answer, stream: stream) : EmulatorResponse.json(answer.json)
                }
            }
        }
        api.post("responses") { request, context in
            try await endpoint.respond("POST /v1/responses", request, context, body: .streamableJSON) { call in
                let responses = try OpenAIResponsesRequest(OpenAIParameters(call.body))
                return try await call.answer(keywordText: responses.conversation.lastUserText) { stream in
                    let answer = OpenAIResponseAnswer(responses)
                    return call.streams
                        ? OpenAIResponseStream.response(answer, stream: stream)
                        : EmulatorResponse.json(answer.json(done: true))
                }
            }
        }
        api.post("embeddings") { request, context in
            try await endpoint.respond("POST /v1/embeddings", request, context) { call in
                let embeddings = try OpenAIEmbeddings(OpenAIParameters(call.body))
                return try await call.answer(keywordText: embeddings.lastInputText) { _ in
                    EmulatorResponse.raw(embeddings.rendered, status: .ok)
                }
            }
        }
        api.post("images/generations") { request, context in
            try await endpoint.respond("POST /v1/images/generations", request, context) { call in
                let images = try OpenAIImageRequest(OpenAIParameters(call.body))
                return try await call.answer(keywordText: images.prompt) { _ in
                    EmulatorResponse.json(
                        images.json(mediaBaseURL: "\(endpoint.runtime.rootURL)/media/\(Self.mediaFamily)"))
                }
            }
        }
        api.post("images/edits") { request, context in
            try await endpoint.respond("POST /v1/images/edits", request, context, body: .raw) { call in
                let edit = try OpenAIImageEdit(call.rawBody, contentType: request.headers[.contentType])
                return try await call.answer(keywordText: edit.prompt) { _ in
                    EmulatorResponse.json(edit.json(mediaBaseURL: "\(endpoint.runtime.rootURL)/media/\(Self.mediaFamily)"))
                }
            }
        }
        api.post("audio/speech") { request, context in
            try await endpoint.respond("POST /v1/audio/speech", request, context) { call in
                let speech = try OpenAISpeechRequest(OpenAIParameters(call.body))
                return try await call.answer(keywordText: speech.input) { _ in speech.response }
            }
        }
        api.post("audio/transcriptions") { request, context in
            try await endpoint.respond("POST /v1/audio/transcriptions", request, context, body: .raw) { call in
                let transcription = try OpenAITranscription(call.rawBody, contentType: request.headers[.contentType])
                return try await call.answer(keywordText: nil) { _ in transcription.response }
            }
        }
    }

    /// `GET /v1/models`.
    func listModels(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        try await endpoint.respond("GET /v1/models", request, context, body: .none) { _ in
            EmulatorResponse.raw(OpenAICatalog.modelList, status: .ok)
        }
    }

    /// `GET /v1/models/{id}`: 404 `model_not_found` for an unknown id.
    func retrieveModel(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        try await endpoint.respond("GET /v1/models/{id}", request, context, body: .none) { _ in
            let id = context.parameters.get("id") ?? ""
            guard let model = OpenAICatalog.modelObject(id) else { throw OpenAIError.modelNotFound(id) }
            return EmulatorResponse.raw(model, status: .ok)
        }
    }
}
