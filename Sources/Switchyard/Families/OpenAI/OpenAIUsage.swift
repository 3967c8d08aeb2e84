/// OpenAI's `usage` object for chat completions.
enum OpenAIUsage {
    static func object(input: Int, output: Int) -> JSONValue {
        .object(["prompt_tokens": .int(input), "completion_tokens": .int(output), "total_tokens": .int(input.addingSaturating(output))])
    }
}
