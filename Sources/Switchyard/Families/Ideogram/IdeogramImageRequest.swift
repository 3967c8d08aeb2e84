/// The `image_request` object of the legacy routes, validated against the catalog's rules: the fields a route
/// takes, their enums and bounds, and the model rules (`resolution` and `style_type` from 2.0 on; `resolution`
/// and `aspect_ratio` exclusive). Every problem is a 422 naming the field, before anything is held.
struct IdeogramImageRequest: Sendable {
    /// The fields as they go upstream (only the known ones, as sent).
    var fields: JSONObject
    var model: String
    var numImages: Int

    /// Which fields a route reads besides the common ones.
    struct Shape: Sendable {
        var takesModel = true
        var takesImageWeight = false
        /// Upscale's `resemblance` and `detail` instead of the generation fields.
        var isUpscale = false
        var promptRequired = true
    }

    static let paletteNames = ["EMBER", "FRESH", "JUNGLE", "MAGIC", "MELON", "MOSAIC", "PASTEL", "ULTRAMARINE"]

    init(_ request: JSONFieldReader, shape: Shape, settings: IdeogramSettings) throws {
        var fields = JSONObject()
        let prompt = try request.string("prompt", required: shape.promptRequired, maxLength: 10_000)
        if let prompt { fields["prompt"] = .string(prompt) }
        if let option = try request.string("magic_prompt_option", allowed: IdeogramSettings.magicPromptOptions) {
            fields["magic_prompt_option"] = .string(option)
        }
        if let seed = try request.int("seed", range: 0...2_147_483_647) { fields["seed"] = .int(seed) }
        numImages = try request.int("num_images", range: 1...8) ?? 1
        fields["num_images"] = .int(numImages)
        model = settings.defaultModel
        if shape.isUpscale {
            for key in ["resemblance", "detail"] {
                if let value = try request.int(key, range: 1...100) { fields[key] = .int(value) }
            }
            self.fields = fields
            return
        }
        if shape.takesModel {
            model = try request.string("model", allowed: settings.models) ?? settings.defaultModel
            fields["model"] = .string(model)
        }
        if shape.takesImageWeight, let weight = try request.int("image_weight", range: 1...100) { fields["image_weight"] = .int(weight) }
        if let negative = try request.string("negative_prompt", maxLength: 10_000) { fields["negative_prompt"] = .string(negative) }
        let aspectRatio = try request.string("aspect_ratio", allowed: IdeogramSettings.aspectRatios)
        let resolution = try request.string("resolution", maxLength: 40)
        if let aspectRatio { fields["aspect_ratio"] = .string(aspectRatio) }
        if let resolution {
            guard aspectRatio == nil else { throw GatewayError.validation(field: "image_request.resolution", "cannot be given with aspect_ratio") }
            guard settings.supportsStyle(model) else { throw GatewayError.validation(field: "image_request.resolution", "needs model V_2 or later") }
            guard Self.size(ofResolution: resolution) != nil else {
                throw GatewayError.validation(
                    field: "image_request.resolution", "must look like RESOLUTION_1024_1024 (sides 256–2048, multiples of 16)")
            }
            fields["resolution"] = .string(resolution)
        }
        if let style = try request.string("style_type", allowed: IdeogramSettings.styleTypes) {
            guard settings.supportsStyle(model) else { throw GatewayError.validation(field: "image_request.style_type", "needs model V_2 or later") }
            fields["style_type"] = .string(style)
        }
        if let palette = try request.object("color_palette") { fields["color_palette"] = .object(try Self.palette(palette)) }
        self.fields = fields
    }

    /// `RESOLUTION_W_H` as its sides; nil when malformed or out of bounds.
    static func size(ofResolution text: String) -> (width: Int, height: Int)? {
        let parts = text.split(separator: "_")
        guard parts.count == 3, parts[0] == "RESOLUTION", let width = Int(parts[1]), let height = Int(parts[2]) else { return nil }
        return fits(width, height) ? (width, height) : nil
    }

    /// Whether a size is one Ideogram renders at.
    static func fits(_ width: Int, _ height: Int) -> Bool {
        IdeogramSettings.sideRange.contains(width) && IdeogramSettings.sideRange.contains(height) && width % 16 == 0 && height % 16 == 0
    }

    /// A palette by `name`, or 1–5 `members` of `color_hex` (`#RRGGBB`) and an optional `color_weight` (0.05–1).
    private static func palette(_ palette: JSONFieldReader) throws -> JSONObject {
        let name = try palette.string("name", allowed: paletteNames)
        let members = try palette.objects("members", maxCount: 5)
        if let name {
            guard members == nil else { throw GatewayError.validation(field: "image_request.color_palette", "takes name or members, not both") }
            return ["name": .string(name)]
        }
        guard let members, !members.isEmpty else { throw GatewayError.validation(field: "image_request.color_palette", "needs name or members") }
        return [
            "members": .array(
                try members.map { member in
                    let hex = try member.string("color_hex", required: true, maxLength: 7) ?? ""
                    guard hex.count == 7, hex.first == "#", hex.dropFirst().allSatisfy(\.isHexDigit) else {
                        throw GatewayError.validation(field: "image_request.color_palette.members.color_hex", "must look like #A1B2C3")
                    }
                    var object: JSONObject = ["color_hex": .string(hex)]
                    if let weight = try member.number("color_weight", range: 0.05...1) { object["color_weight"] = .number(weight) }
                    return .object(object)
                })
        ]
    }
}
