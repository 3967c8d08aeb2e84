import Foundation

/// Reads the model price list that the `litellm` package ships (`model_prices_and_context_window_backup.json`) into
/// usage price rules for the OpenAI and Anthropic families. Pure: the CLI reads the file and writes the rules.
///
/// The selection is the one `scripts/generate-default-prices.py` makes for the shipped defaults: every entry of the
/// providers' own APIs (`openai`, `text-completion-openai`, `anthropic`) in a mode the gateway relays, except
/// fine-tunes (`ft:`), provider-prefixed names and models past their `deprecation_date`. Per-token prices become
/// dollars per million (exactly: litellm's 2.5e-06 is "2.50"), per-size and quality image entries
/// ("hd/1024-x-1792/dall-e-3") become the model's `per_image` variants, and moderation models are free. A chat,
/// responses or completion model keeps its `max_output_tokens` (see `maxOutputTokens(_:)`).
public enum LiteLLMPriceImport {
    static let families = FamilyModules.priceImportProviders
    static let modes: Set<String> = [
        "chat", "responses", "completion", "embedding", "image_generation", "audio_speech", "audio_transcription", "moderation",
    ]

    /// The rules of every current model of `families` in the JSON document `data`. `today` is "YYYY-MM-DD": models
    /// deprecated before it are left out. Throws a validation error when `data` is not a JSON object.
    public static func rules(from data: Data, families wanted: Set<String> = Set(FamilyModules.priceImportFamilies), today: String) throws
        -> [PriceRule]
    {
        guard let document = JSONValue.parse(data)?.objectValue else {
            throw GatewayError.validation(field: "file", "is not litellm's model price list (a JSON object)")
        }
        var current: [String: JSONObject] = [:]
        for name in document.keys {
            guard let entry = document[name]?.objectValue, let provider = entry["litellm_provider"]?.stringValue,
                let family = families[provider], wanted.contains(family), let mode = entry["mode"]?.stringValue, modes.contains(mode),
                !name.hasPrefix("ft:"), !name.contains("/")
            else { continue }
            if let deprecation = entry["deprecation_date"]?.stringValue, deprecation < today { continue }
            current[name] = entry
        }
        var variants: [String: [String: String]] = [:]
        for name in document.keys {
            guard let (key, model) = imageVariant(name), current[model] != nil, let entry = document[name]?.objectValue,
                let price = amount(entry, "output_cost_per_image") ?? amount(entry, "input_cost_per_image"), let dollars = dollars(price)
            else { continue }
            variants[model, default: [:]][key] = dollars
        }
        return current.keys.sorted().compactMap { name in
            guard let entry = current[name], let provider = entry["litellm_provider"]?.stringValue, let family = families[provider] else {
                return nil
            }
            return rule(family: family, model: name, entry: entry, variants: variants[name] ?? [:])
        }
        .sorted { ($0.family, $0.model) < ($1.family, $1.model) }
    }

    /// One model's rule; nil when litellm gives it no price in any unit (left unpriced rather than free by omission).
    static func rule(family: String, model: String, entry: JSONObject, variants: [String: String]) -> PriceRule? {
        if entry["mode"]?.stringValue == "moderation" { return PriceRule(family: family, model: model, action: "tokens", free: true) }
        var perImage = variants
        if perImage["*"] == nil, let own = amount(entry, "output_cost_per_image") ?? amount(entry, "input_cost_per_image") {
            perImage["*"] = dollars(own)
        }
        var output = amount(entry, "output_cost_per_token")
        if entry["mode"]?.stringValue == "image_generation" {
            // A per-image price covers the image made; without one, the image's output tokens are what is billed.
            output = perImage.isEmpty ? amount(entry, "output_cost_per_image_token") ?? output : 0
        }
        let input = amount(entry, "input_cost_per_token")
        let perCharacter = amount(entry, "input_cost_per_character")
        let perSecond = amount(entry, "input_cost_per_second")
        guard [input, output, perCharacter, perSecond].contains(where: { ($0 ?? 0) > 0 }) || !perImage.isEmpty else { return nil }
        return PriceRule(
            family: family, model: model, action: "tokens", inputPerMillion: dollars(input ?? 0, perMillion: true),
            outputPerMillion: dollars(output ?? 0, perMillion: true),
            cachedInputPerMillion: amount(entry, "cache_read_input_token_cost").flatMap { dollars($0, perMillion: true) },
            cacheWritePerMillion: amount(entry, "cache_creation_input_token_cost").flatMap { dollars($0, perMillion: true) },
            perImage: perImage.isEmpty ? nil : perImage, perMillionCharacters: perCharacter.flatMap { dollars($0, perMillion: true) },
            perSecond: perSecond.flatMap { dollars($0) }, maxOutputTokens: maxOutputTokens(entry))
    }

    /// Modes whose calls may leave their output limit to the model.
    static let textModes: Set<String> = ["chat", "responses", "completion"]

    /// The most output tokens a text model gives in one answer: litellm's `max_output_tokens`, or else its legacy
    /// `max_tokens` only when that cannot be the context window (litellm sets it to the output limit when the
    /// provider gives one and to the input limit otherwise, so it counts only when below `max_input_tokens`). nil for
    /// other modes, or when neither is a whole number in `PriceRule.maxOutputTokensRange`.
    static func maxOutputTokens(_ entry: JSONObject) -> Int? {
        guard let mode = entry["mode"]?.stringValue, textModes.contains(mode) else { return nil }
        let valid = { (key: String) in entry[key]?.intValue.flatMap { PriceRule.maxOutputTokensRange.contains($0) ? $0 : nil } }
        if let output = valid("max_output_tokens") { return output }
        guard let legacy = valid("max_tokens"), let input = valid("max_input_tokens"), legacy < input else { return nil }
        return legacy
    }

    /// "hd/1024-x-1792/dall-e-3" → ("hd/1024x1792", "dall-e-3"); "1024-x-1024/gpt-image-1.5" → ("1024x1024", ...).
    static func imageVariant(_ name: String) -> (key: String, model: String)? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, let model = parts.last, !model.isEmpty else { return nil }
        let sides = parts[parts.count - 2].components(separatedBy: "-x-")
        guard sides.count == 2, sides.allSatisfy({ !$0.isEmpty && $0.count <= 5 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return nil
        }
        let size = sides.joined(separator: "x")
        guard parts.count == 3 else { return (size, model) }
        let quality = parts[0]
        guard !quality.isEmpty, quality.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return nil }
        return ("\(quality)/\(size)", model)
    }

    /// A non-negative number field; nil when absent or anything else.
    static func amount(_ entry: JSONObject, _ key: String) -> Double? {
        guard let value = entry[key]?.doubleValue, value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// `value` dollars (per token when `perMillion`, then times a million) as a dollar string with at most six
    /// decimals, rounded up (never under the list price); nil when it does not fit.
    ///
    /// Exact: the number's shortest decimal text (the JSON's own text, which Python writes the same way) is scaled
    /// by moving its decimal point, never by floating-point arithmetic.
    static func dollars(_ value: Double, perMillion: Bool = false) -> String? {
        guard value.isFinite, value >= 0 else { return nil }
        let text = "\(value)".lowercased()
        let halves = text.split(separator: "e", omittingEmptySubsequences: false)
        guard halves.count <= 2, let exponent = halves.count == 2 ? Int(halves[1]) : 0 else { return nil }
        let mantissa = halves[0].split(separator: ".", omittingEmptySubsequences: false)
        guard mantissa.count <= 2 else { return nil }
        let fraction = mantissa.count == 2 ? mantissa[1] : ""
        let digitText = (mantissa[0] + fraction).drop { $0 == "0" }
        guard digitText.allSatisfy(\.isNumber), digitText.count <= 18, let digits = Int64(digitText.isEmpty ? "0" : String(digitText)) else {
            return nil
        }
        // value × 10^6 (micro-dollars) × 10^6 (per million) = digits × 10^shift.
        let shift = exponent - fraction.count + 6 + (perMillion ? 6 : 0)
        var micros = digits
        if shift >= 0 {
            for _ in 0..<shift {
                let (next, overflow) = micros.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                micros = next
            }
        } else if -shift > 18 {
            micros = digits > 0 ? 1 : 0
        } else {
            var divisor: Int64 = 1
            for _ in 0..<(-shift) { divisor *= 10 }
            micros = digits / divisor + (digits % divisor == 0 ? 0 : 1)
        }
        return Money.format(micros)
    }
}
