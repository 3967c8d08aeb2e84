/// An Anthropic messages client served by an OpenAI channel: messages in, chat completions out, and back.
public struct AnthropicClientOnOpenAI: ChatTranslator {
    public init() {}

    public func upstreamRequest(_ client: JSONObject, upstreamModel: String) throws -> JSONObject {
        guard case .array(let messages)? = client["messages"] else { throw GatewayError.validation(field: "messages", "is required") }
        guard client["max_tokens"]?.intValue != nil else { throw GatewayError.validation(field: "max_tokens", "is required") }
        var converted: [JSONValue] = []
        if let system = client["system"], system != .null {
            converted.append(.object(["role": "system", "content": .string(system.flattenedText)]))
        }
        for message in messages {
            let role = message["role"]?.stringValue ?? "user"
            guard case .array(let blocks)? = message["content"] else {
                converted.append(.object(["role": .string(role), "content": .string(message["content"]?.stringValue ?? "")]))
                continue
            }
            var parts: [JSONValue] = []
            var calls: [JSONValue] = []
            for block in blocks {
                switch block["type"]?.stringValue {
                case "text":
                    parts.append(.object(["type": "text", "text": block["text"] ?? ""]))
                case "image":
                    if let url = Self.imageURL(block["source"]) {
                        parts.append(.object(["type": "image_url", "image_url": .object(["url": .string(url)])]))
                    }
                case "tool_use":
                    calls.append(
                        .object([
                            "id": block["id"] ?? .null, "type": "function",
                            "function": .object(["name": block["name"] ?? .null, "arguments": .string((block["input"] ?? .object([:])).encoded())]),
                        ]))
                case "tool_result":
                    // Each tool result is its own `tool` message in OpenAI's dialect.
                    converted.append(
                        .object([
                            "role": "tool", "tool_call_id": block["tool_use_id"] ?? .null, "content": .string(block["content"]?.flattenedText ?? ""),
                        ]))
                default:
                    break
                }
            }
            if role == "assistant" {
                var assistant: JSONObject = ["role": "assistant"]
                let text = parts.compactMap { $0["text"]?.stringValue }.joined()
                assistant["content"] = text.isEmpty && !calls.isEmpty ? .null : .string(text)
                if !calls.isEmpty { assistant["tool_calls"] = .array(calls) }
                converted.append(.object(assistant))
            } else if !parts.isEmpty {
                let onlyText = parts.allSatisfy { $0["type"] == "text" }
                let content: JSONValue = onlyText ? .string(parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")) : .array(parts)
                converted.append(.object(["role": .string(role), "content": content]))
            }
        }
        var upstream = JSONObject()
        upstream["model"] = .string(upstreamModel)
        upstream["messages"] = .array(converted)
        upstream["max_tokens"] = client["max_tokens"]
        for key in ["temperature", "top_p"] where client[key] != nil { upstream[key] = client[key] }
        if case .array(let stops)? = client["stop_sequences"], !stops.isEmpty { upstream["stop"] = .array(stops) }
        if case .array(let tools)? = client["tools"], !tools.isEmpty {
            upstream["tools"] = .array(
                tools.map { tool in
                    var function: JSONObject = ["name": tool["name"] ?? .null, "parameters": tool["input_schema"] ?? .object(["type": "object"])]
                    if let description = tool["description"] { function["description"] = description }
                    return .object(["type": "function", "function": .object(function)])
                })
            switch client["tool_choice"]?["type"]?.stringValue {
            case "any": upstream["tool_choice"] = "required"
            case "none": upstream["tool_choice"] = "none"
            case "tool":
                upstream["tool_choice"] = .object(["type": "function", "function": .object(["name": client["tool_choice"]?["name"] ?? .null])])
            default: break
            }
        }
        if client["stream"] == .bool(true) {
            upstream["stream"] = true
            // Usage arrives only when asked for; the relay needs it to charge.
            upstream["stream_options"] = .object(["include_usage": true])
        }
        return upstream
    }

    static func imageURL(_ source: JSONValue?) -> String? {
        switch source?["type"]?.stringValue {
        case "base64":
            guard let mediaType = source?["media_type"]?.stringValue, let data = source?["data"]?.stringValue else { return nil }
            return "data:\(mediaType);base64,\(data)"
        case "url":
            return source?["url"]?.stringValue
        default:
            return nil
        }
    }

    public func clientResponse(_ upstream: JSONValue, clientModel: String) throws -> JSONValue {
        guard case .array(let choices)? = upstream["choices"], let message = choices.first?["message"] else { throw GatewayError.upstreamMalformed }
        var content: [JSONValue] = []
        if let text = message["content"]?.stringValue, !text.isEmpty {
            content.append(.object(["type": "text", "text": .string(text)]))
        }
        if case .array(let calls)? = message["tool_calls"] {
            for call in calls {
                let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
                content.append(
                    .object([
                        "type": "tool_use", "id": call["id"] ?? .null, "name": call["function"]?["name"] ?? .null,
                        "input": JSONValue.parse(arguments.utf8) ?? .object([:]),
                    ]))
            }
        }
        var response = JSONObject()
        response["id"] = .string("msg_" + (upstream["id"]?.stringValue ?? PublicID.uuid()))
        response["type"] = "message"
        response["role"] = "assistant"
        response["model"] = .string(clientModel)
        response["content"] = .array(content)
        response["stop_reason"] = .string(Self.stopReason(choices.first?["finish_reason"]))
        response["stop_sequence"] = .null
        response["usage"] = Self.usage(
            input: upstream["usage"]?["prompt_tokens"]?.intValue ?? 0, output: upstream["usage"]?["completion_tokens"]?.intValue ?? 0)
        return .object(response)
    }

    static func stopReason(_ finishReason: JSONValue?) -> String {
        switch finishReason?.stringValue {
        case "length": "max_tokens"
        case "tool_calls", "function_call": "tool_use"
        default: "end_turn"
        }
    }

    static func usage(input: Int, output: Int) -> JSONValue {
        .object(["input_tokens": .int(input), "output_tokens": .int(output), "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0])
    }

    public func streamTranslator(clientModel: String, includeUsage: Bool) -> any StreamTranslator {
        OpenAIStreamToAnthropic(model: clientModel)
    }
}

/// OpenAI chat completion chunks as Anthropic's stream events.
struct OpenAIStreamToAnthropic: StreamTranslator {
    enum OpenBlock: Equatable {
        case none
        case text
        case tool(openAIIndex: Int)
    }

    let model: String
    var started = false
    var blockIndex = -1
    var open = OpenBlock.none
    var stopReason = "end_turn"
    var inputTokens = 0
    var outputTokens = 0
    var finished = false

    static func event(_ type: String, _ data: JSONObject) -> ServerSentEvent {
        var ordered: JSONObject = ["type": .string(type)]
        for key in data.keys where key != "type" { ordered[key] = data[key] }
        return ServerSentEvent(event: type, data: JSONValue.object(ordered).encoded())
    }

    mutating func start(id: String) -> [ServerSentEvent] {
        guard !started else { return [] }
        started = true
        let message: JSONObject = [
            "id": .string("msg_" + id), "type": "message", "role": "assistant", "model": .string(model), "content": .array([]),
            "stop_reason": .null, "stop_sequence": .null, "usage": AnthropicClientOnOpenAI.usage(input: 0, output: 0),
        ]
        return [Self.event("message_start", ["message": .object(message)]), Self.event("ping", [:])]
    }

    mutating func closeBlock() -> [ServerSentEvent] {
        guard open != .none else { return [] }
        open = .none
        return [Self.event("content_block_stop", ["index": .int(blockIndex)])]
    }

    mutating func translate(_ event: ServerSentEvent) -> [ServerSentEvent] {
        if event.data == "[DONE]" { return finish() }
        guard let chunk = JSONValue.parse(event.data.utf8) else { return [] }
        // An error mid-stream ends the message as an error, as Anthropic streams do, not as a finished reply.
        if let error = chunk["error"], error != .null, !finished {
            finished = true
            let message = error["message"]?.stringValue ?? "The upstream provider failed during the stream"
            return [Self.event("error", ["error": .object(["type": "api_error", "message": .string(String(message.prefix(300)))])])]
        }
        var events = start(id: chunk["id"]?.stringValue ?? PublicID.uuid())
        if let usage = chunk["usage"], usage != .null {
            inputTokens = usage["prompt_tokens"]?.intValue ?? 0
            outputTokens = usage["completion_tokens"]?.intValue ?? 0
        }
        guard case .array(let choices)? = chunk["choices"], let choice = choices.first else { return events }
        let delta = choice["delta"]
        if let text = delta?["content"]?.stringValue, !text.isEmpty {
            if open != .text {
                events += closeBlock()
                blockIndex += 1
                open = .text
                events.append(
                    Self.event("content_block_start", ["index": .int(blockIndex), "content_block": .object(["type": "text", "text": ""])]))
            }
            events.append(
                Self.event("content_block_delta", ["index": .int(blockIndex), "delta": .object(["type": "text_delta", "text": .string(text)])]))
        }
        if case .array(let calls)? = delta?["tool_calls"] {
            for call in calls {
                let index = call["index"]?.intValue ?? 0
                if open != .tool(openAIIndex: index) {
                    events += closeBlock()
                    blockIndex += 1
                    open = .tool(openAIIndex: index)
                    events.append(
                        Self.event(
                            "content_block_start",
                            [
                                "index": .int(blockIndex),
                                "content_block": .object([
                                    "type": "tool_use", "id": call["id"] ?? .null, "name": call["function"]?["name"] ?? .null, "input": .object([:]),
                                ]),
                            ]))
                }
                if let fragment = call["function"]?["arguments"]?.stringValue, !fragment.isEmpty {
                    events.append(
                        Self.event(
                            "content_block_delta",
                            [
                                "index": .int(blockIndex), "delta": .object(["type": "input_json_delta", "partial_json": .string(fragment)]),
                            ]))
                }
            }
        }
        if let reason = choice["finish_reason"], reason != .null {
            stopReason = AnthropicClientOnOpenAI.stopReason(reason)
            events += closeBlock()
        }
        return events
    }

    mutating func finish() -> [ServerSentEvent] {
        guard !finished else { return [] }
        finished = true
        var events = start(id: PublicID.uuid())
        events += closeBlock()
        events.append(
            Self.event(
                "message_delta",
                [
                    "delta": .object(["stop_reason": .string(stopReason), "stop_sequence": .null]),
                    "usage": .object(["input_tokens": .int(inputTokens), "output_tokens": .int(outputTokens)]),
                ]))
        events.append(Self.event("message_stop", [:]))
        return events
    }
}
