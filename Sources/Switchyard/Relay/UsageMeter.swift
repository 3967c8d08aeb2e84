/// How calls of one endpoint are measured: the worst case a request allows, which its reservation covers, and
/// what the upstream's answer says was used.
public enum UsageMeter: Sendable {
    case chat, completion, responses, embedding, moderation, image, speech, transcription

    /// Input tokens an image part may cost that its bytes do not show (the providers' largest tiling of one image
    /// is about 1,600).
    static let tokensPerImagePart = 1_600
    /// Output tokens of one generated image at the largest size and quality (gpt-image-1, 1536×1024, high).
    static let tokensPerGeneratedImage = 6_240
    /// The lowest bitrate a transcription upload may have (6 kbit/s Opus): bounds its seconds from its bytes.
    static let lowestAudioBytesPerSecond = 750
    /// A typical bitrate (128 kbit/s), for an answer that reports no duration.
    static let typicalAudioBytesPerSecond = 16_000

    /// Whether answers report token usage (an answer without it is charged the typical input for its size).
    var reportsTokens: Bool {
        switch self {
        case .chat, .completion, .responses, .embedding: true
        default: false
        }
    }

    /// The most a request can use: no call is charged more than this. `defaultMaxTokens` stands in for a missing
    /// output limit of a chat or responses call (the model's own limit where its price knows it); a limit the request
    /// sets counts as set, even past the model's, which the upstream then refuses at no charge.
    func worstCase(_ facts: RelayFacts, defaultMaxTokens: Int) -> MeteredUsage {
        let input = Self.product(facts.imageParts, Self.tokensPerImagePart).addingSaturating(facts.bodyBytes)
        switch self {
        case .chat, .responses:
            return MeteredUsage(input: input, output: Self.product(facts.choices, facts.maxTokens ?? defaultMaxTokens))
        case .completion:
            // OpenAI's legacy completions default to 16 tokens.
            return MeteredUsage(input: input, output: Self.product(facts.choices, facts.maxTokens ?? 16))
        case .embedding, .moderation:
            return MeteredUsage(input: input)
        case .image:
            return MeteredUsage(input: input, output: Self.product(facts.choices, Self.tokensPerGeneratedImage), images: facts.choices)
        case .speech:
            return MeteredUsage(input: input, characters: facts.characters)
        case .transcription:
            return MeteredUsage(input: input, seconds: facts.audioBytes / Self.lowestAudioBytesPerSecond + 1)
        }
    }

    /// Price facts of the call besides its model (an image's size and quality, with the provider's defaults).
    func priceFacts(_ facts: RelayFacts) -> [String: String] {
        guard self == .image else { return [:] }
        return ["size": facts.imageSize ?? "1024x1024", "quality": facts.imageQuality ?? "standard"]
    }

    /// What a complete JSON answer says was used; nil when the answer is not the JSON object it should be.
    func measured(answer bytes: [UInt8], facts: RelayFacts) -> MeteredUsage? {
        switch self {
        case .speech:
            // Audio bytes: the request's characters are the measure.
            return MeteredUsage(characters: facts.characters)
        case .transcription:
            // `response_format` may be text, srt or vtt; only JSON answers carry a duration or usage.
            let answer = try? StrictJSONScanner.scanObject(bytes)
            var usage = answer.flatMap { UsageReport.read(bytes, in: $0) }?.metered ?? MeteredUsage()
            if let document = answer, let range = document.range(of: "duration"), let seconds = JSONValue.parse(bytes[range])?.doubleValue,
                seconds.isFinite, seconds >= 0
            {
                usage.seconds = seconds < 1e9 ? Int(seconds.rounded(.up)) : Int.max
            }
            // A model priced by tokens reports them; one priced by the second is charged its duration, never both.
            if usage.input > 0 || usage.output > 0 {
                usage.seconds = 0
            } else if usage.seconds == 0 {
                usage.seconds = facts.audioBytes / Self.typicalAudioBytesPerSecond + 1
            }
            return usage
        default:
            guard let document = try? StrictJSONScanner.scanObject(bytes) else { return nil }
            var usage = UsageReport.read(bytes, in: document)?.metered ?? MeteredUsage()
            if self == .image, let range = document.range(of: "data"), let images = JSONValue.parse(bytes[range])?.arrayValue {
                usage.images = images.count
            }
            return usage
        }
    }

    static func product(_ left: Int, _ right: Int) -> Int {
        let (value, overflow) = left.multipliedReportingOverflow(by: right)
        return overflow ? .max : value
    }
}

extension Int {
    /// `self + other`, held at the bounds instead of trapping.
    func addingSaturating(_ other: Int) -> Int {
        let (value, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : value
    }
}
