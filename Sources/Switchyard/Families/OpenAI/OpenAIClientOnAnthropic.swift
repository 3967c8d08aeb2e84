import Foundation

/// An OpenAI chat client served by an Anthropic channel: chat completions in, messages out, and back.
public struct OpenAIClientOnAnthropic: ChatTranslator {
    public init() {}

    public func upstreamRequest(_ client: JSONObject, upstreamModel: String) throws -> JSONObject {
        guard case .array(let messages)? = client["messages"] else { throw GatewayError.validation(field: "messages", "is required") }
        if let n = client["n"]?.intValue, n > 1 {
            throw GatewayError.invalidRequest("n > 1 is not available for model \(upstreamModel)")
        }
        var system: [String] = []
        var converted: [JSONValue] = []
        func append(role: String, blocks: [JSONValue]) {
            guard !blocks.isEmpty else { return }
            // Anthropic wants alternating roles: consecutive messages of one role become one.
            if case .object(var last)? = converted.last, last["role"]?.stringValue == role, case .array(let previous)? = last["content"] {
                last["content"] = .array(previous + blocks)
                converted[converted.count - 1] = .object(last)
            } else {
                converted.append(.object(["role": .string(role), "content": .array(blocks)]))
            }
        }
        for message in messages {
            let role = message["role"]?.stringValue ?? "user"
            switch role {
            case "system", "developer":
                system.append(message["content"]?.flattenedText ?? "")
            case "tool":
                append(
                    role: "user",
                    blocks: [
                        .object([
                            "type": "tool_result", "tool_use_id": message["tool_call_id"] ?? .null,
                            "content": .string(message["content"]?.flattenedText ?? ""),
                        ])
                    ])
            case "assistant":
                var blocks = Self.blocks(of: message["content"])
                if case .array(let calls)? = message["tool_calls"] {
                    for call in calls {
                        let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
                        blocks.append(
                            .object([
                                "type": "tool_use", "id": call["id"] ?? .null, "name": call["function"]?["name"] ?? .null,
                                "input": JSONValue.parse(arguments.utf8) ?? .object([:]),
                            ]))
                    }
                }
                append(role: "assistant", blocks: blocks)
            default:
                append(role: "user", blocks: Self.blocks(of: message["content"]))
            }
        }
        var upstream = JSONObject()
        upstream["model"] = .string(upstreamModel)
        if !system.isEmpty { upstream["system"] = .string(system.joined(separator: "\n")) }
        upstream["messages"] = .array(converted)
        upstream["max_tokens"] = client["max_completion_tokens"] ?? client["max_tokens"] ?? .number(4096)
        for key in ["temperature", "top_p"] where client[key] != nil { upstream[key] = client[key] }
        switch client["stop"] {
        case .string(let stop)?: upstream["stop_sequences"] = .array([.string(stop)])
        case .array(let stops)?: upstream["stop_sequences"] = .array(stops)
        default: break
        }
        if case .array(let tools)? = client["tools"], !tools.isEmpty {
            upstream["tools"] = .array(
                tools.compactMap { tool in
                    guard let function = tool["function"] else { return nil }
                    var converted: JSONObject = [
                        "name": function["name"] ?? .null, "input_schema": function["parameters"] ?? .object(["type": "object"]),
                    ]
                    if let description = function["description"] { converted["description"] = description }
                    return .object(converted)
                })
            switch client["tool_choice"] {
            case .string("required")?: upstream["tool_choice"] = .object(["type": "any"])
            case .string("none")?: upstream["tool_choice"] = .object(["type": "none"])
            case .object(let choice)?:
                if let name = choice["function"]?["name"] { upstream["tool_choice"] = .object(["type": "tool", "name": name]) }
            default: break
            }
        }
        if client["stream"] == .bool(true) { upstream["stream"] = .bool(true) }
        return upstream
    }

    /// OpenAI content (a string or parts) as Anthropic blocks.
    static func blocks(of content: JSONValue?) -> [JSONValue] {
        switch content {
        case .string(let text)?:
            return text.isEmpty ? [] : [.object(["type": "text", "text": .string(text)])]
        case .array(let parts)?:
            return parts.compactMap { part in
                switch part["type"]?.stringValue {
                case "text": return .object(["type": "text", "text": part["text"] ?? ""])
                case "image_url":
                    guard let url = part["image_url"]?["url"]?.stringValue else { return nil }
                    return .object(["type": "image", "source": imageSource(url)])
                default: return nil
                }
            }
        default:
            return []
        }
    }

    /// A data URI becomes a base64 source; anything else a URL source.
    static func imageSource(_ url: String) -> JSONValue {
        if url.hasPrefix("data:"), let comma = url.firstIndex(of: ","), let semicolon = url.firstIndex(of: ";"), semicolon < comma {
            let mediaType = String(url[url.index(url.startIndex, offsetBy: 5)..<semicolon])
            return .object(["type": "base64", "media_type": .string(mediaType), "data": .string(String(url[url.index(after: comma)...]))])
        }
        return .object(["type": "url", "url": .string(url)])
    }

    public func clientResponse(_ upstream: JSONValue, clientModel: String) throws -> JSONValue {
        guard case .array(let blocks)? = upstream["content"] else { throw GatewayError.upstreamMalformed }
        var text = ""
        var calls: [JSONValue] = []
        for block in blocks {
            switch block["type"]?.stringValue {
            case "text": text += block["text"]?.stringValue ?? ""
            case "tool_use":
                calls.append(
                    .object([
                        "id": block["id"] ?? .null, "type": "function",
                        "function": .object(["name": block["name"] ?? .null, "arguments": .string((block["input"] ?? .object([:])).encoded())]),
                    ]))
            default: break
            }
        }
        var message: JSONObject = ["role": "assistant", "content": calls.isEmpty || !text.isEmpty ? .string(text) : .null, "refusal": .null]
        if !calls.isEmpty { message["tool_calls"] = .array(calls) }
        let usage = Self.usage(upstream["usage"])
        let choice: JSONValue = .object([
            "index": 0, "message": .object(message), "logprobs": .null, "finish_reason": .string(Self.finishReason(upstream["stop_reason"])),
        ])
        var response = JSONObject()
        response["id"] = .string("chatcmpl-" + (upstream["id"]?.stringValue ?? PublicID.uuid()))
        response["object"] = "chat.completion"
        response["created"] = .int(Int(Date().timeIntervalSince1970))
        response["model"] = .string(clientModel)
        response["choices"] = .array([choice])
        response["usage"] = OpenAIUsage.object(input: usage.input, output: usage.output)
        return .object(response)
    }

    static func finishReason(_ stopReason: JSONValue?) -> String {
        switch stopReason?.stringValue {
        case "max_tokens": "length"
        case "tool_use": "tool_calls"
        default: "stop"
        }
    }

    /// Anthropic usage as (input, output); cached input counts as input.
    static func usage(_ usage: JSONValue?) -> (input: Int, output: Int) {
        var report = UsageReport()
        report.read(usage)
        let metered = report.metered
        return (metered.input, metered.output)
    }

    public func streamTranslator(clientModel: String, includeUsage: Bool) -> any StreamTranslator {
        AnthropicStreamToOpenAI(model: clientModel, includeUsage: includeUsage)
    }
}

/// Anthropic's stream events as OpenAI chat completion chunks.
struct AnthropicStreamToOpenAI: StreamTranslator {
    let model: String
    let includeUsage: Bool
    var id = "chatcmpl-" + PublicID.uuid()
    let created = Int(Date().timeIntervalSince1970)
    var inputTokens = 0
    var outputTokens = 0
    var toolIndex = -1
    var finishReason: String?
    var done = false

    func chunk(delta: JSONValue, finishReason: String? = nil) -> ServerSentEvent {
        ServerSentEvent(
            data: JSONValue.object([
                "id": .string(id), "object": "chat.completion.chunk", "created": .number(Double(created)), "model": .string(model),
                "choices": .array([
                    .object(["index": 0, "delta": delta, "logprobs": .null, "finish_reason": finishReason.map(JSONValue.string) ?? .null])
                ]),
            ]).encoded())
    }

    mutating func translate(_ event: ServerSentEvent) -> [ServerSentEvent] {
        guard let data = JSONValue.parse(event.data.utf8) else { return [] }
        switch data["type"]?.stringValue ?? event.event {
        case "message_start":
            if let messageID = data["message"]?["id"]?.stringValue { id = "chatcmpl-" + messageID }
            let usage = OpenAIClientOnAnthropic.usage(data["message"]?["usage"])
            inputTokens = usage.input
            outputTokens = usage.output
            return [chunk(delta: .object(["role": "assistant", "content": ""]))]
        case "content_block_start":
            guard data["content_block"]?["type"] == "tool_use" else { return [] }
            toolIndex += 1
            return [
                chunk(
                    delta: .object([
                        "tool_calls": .array([
                            .object([
                                "index": .number(Double(toolIndex)), "id": data["content_block"]?["id"] ?? .null, "type": "function",
                                "function": .object(["name": data["content_block"]?["name"] ?? .null, "arguments": ""]),
                            ])
                        ])
                    ]))
            ]
        case "content_block_delta":
            switch data["delta"]?["type"]?.stringValue {
            case "text_delta":
                return [chunk(delta: .object(["content": data["delta"]?["text"] ?? ""]))]
            case "input_json_delta":
                return [
                    chunk(
                        delta: .object([
                            "tool_calls": .array([
                                .object([
                                    "index": .number(Double(max(toolIndex, 0))),
                                    "function": .object(["arguments": data["delta"]?["partial_json"] ?? ""]),
                                ])
                            ])
                        ]))
                ]
            default: return []
            }
        case "message_delta":
            finishReason = OpenAIClientOnAnthropic.finishReason(data["delta"]?["stop_reason"])
            if let output = data["usage"]?["output_tokens"]?.intValue { outputTokens = output }
            return [chunk(delta: .object([:]), finishReason: finishReason)]
        case "message_stop":
            return finish()
        case "error":
            done = true
            let message = data["error"]?["message"]?.stringValue ?? "upstream error"
            return [ServerSentEvent(data: JSONValue.object(["error": .object(["message": .string(message), "type": "server_error"])]).encoded())]
        default:
            return []
        }
    }

    mutating func finish() -> [ServerSentEvent] {
        guard !done else { return [] }
        done = true
        var events: [ServerSentEvent] = []
        if includeUsage {
            events.append(
                ServerSentEvent(
                    data: JSONValue.object([
                        "id": .string(id), "object": "chat.completion.chunk", "created": .number(Double(created)), "model": .string(model),
                        "choices": .array([]),
                        "usage": OpenAIUsage.object(input: inputTokens, output: outputTokens),
                    ]).encoded()))
        }
        events.append(ServerSentEvent(data: "[DONE]"))
        return events
    }
}
