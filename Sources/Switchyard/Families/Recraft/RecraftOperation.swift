/// Each Recraft call the gateway sells: its path under `/recraft/v1` (the upstream's own), its price name and the
/// shape of its answer.
public enum RecraftOperation: String, Sendable, CaseIterable {
    case generate = "generations"
    case imageToImage
    case inpaint
    case replaceBackground
    case vectorize
    case removeBackground
    case clarityUpscale
    case generativeUpscale
    case createStyle = "styles"

    /// What a finished call answers.
    enum Answer: Sendable {
        /// `{"created": epoch s, "data": [{"url" | "b64_json", "image_id"}]}`.
        case images
        /// `{"image": {"url" | "b64_json"}}`.
        case image
        /// `{"id": style id}`.
        case style
    }

    /// The path under `/recraft/v1`, customer and upstream alike.
    public var path: String {
        switch self {
        case .createStyle: "/styles"
        default: "/images/\(rawValue)"
        }
    }

    /// The price rule's action: the path's last word (`generations`, `vectorize`, `styles`…).
    public var action: String { rawValue }

    var answer: Answer {
        switch self {
        case .generate, .imageToImage, .inpaint, .replaceBackground: .images
        case .vectorize, .removeBackground, .clarityUpscale, .generativeUpscale: .image
        case .createStyle: .style
        }
    }

    /// The operation a stored task ran.
    init?(action: String) { self.init(rawValue: action) }
}
