/// The `usage` object of chat and legacy completions, with the detail objects the API always includes.
enum OpenAIUsage {
    /// `{"prompt_tokens":…,"completion_tokens":…,"total_tokens":…,"prompt_tokens_details":…,…}`.
    static func json(prompt: Int, completion: Int) -> EmulatorJSON {
        .object([
            ("prompt_tokens", .int(prompt)),
            ("completion_tokens", .int(completion)),
            ("total_tokens", .int(prompt + completion)),
            ("prompt_tokens_details", .object([("cached_tokens", .int(0)), ("audio_tokens", .int(0))])),
            (
                "completion_tokens_details",
                .object([
                    ("reasoning_tokens", .int(0)),
                    ("audio_tokens", .int(0)),
                    ("accepted_prediction_tokens", .int(0)),
                    ("rejected_prediction_tokens", .int(0)),
                ])
            ),
        ])
    }
}
