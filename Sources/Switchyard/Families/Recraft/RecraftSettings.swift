/// Recraft's catalog as data: models, styles with their substyles per model, and the image sizes a generation may
/// ask for (Recraft's API reference, V2 and V3).
public struct RecraftSettings: Sendable, Equatable {
    /// The model of a request that names none.
    public var defaultModel = "recraftv3"
    /// Every generation model channels serve.
    public var models = ["recraftv3", "recraftv2"]
    /// The style of a request that names neither a style nor a style id.
    public var defaultStyle = "realistic_image"
    /// The size of a request that names none.
    public var defaultSize = "1024x1024"

    /// The styles whose images are SVG (priced as vector images).
    public static let vectorStyles: Set<String> = ["vector_illustration", "icon"]

    /// `WIDTHxHEIGHT` sizes of V2 and V3 (and their aspect-ratio names, which Recraft also takes).
    public var sizes = [
        "1024x1024", "1365x1024", "1024x1365", "1536x1024", "1024x1536", "1820x1024", "1024x1820", "1024x2048", "2048x1024",
        "1434x1024", "1024x1434", "1024x1280", "1280x1024", "1024x1707", "1707x1024",
        "1:1", "2:1", "1:2", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "6:10", "14:10", "10:14", "16:9", "9:16",
    ]

    public init() {}

    /// Each model's styles, each with the substyles it takes (`any` takes none).
    public static let styles: [String: [String: [String]]] = [
        "recraftv3": [
            "any": [],
            "realistic_image": [
                "b_and_w", "enterprise", "evening_light", "faded_nostalgia", "forest_life", "hard_flash", "hdr", "motion_blur",
                "mystic_naturalism", "natural_light", "natural_tones", "organic_calm", "real_life_glow", "retro_realism",
                "retro_snapshot", "studio_portrait", "urban_drama", "village_realism", "warm_folk",
            ],
            "digital_illustration": [
                "2d_art_poster", "2d_art_poster_2", "antiquarian", "bold_fantasy", "child_book", "cover", "crosshatch",
                "digital_engraving", "engraving_color", "expressionism", "freehand_details", "grain", "grain_20", "graphic_intensity",
                "hand_drawn", "hand_drawn_outline", "handmade_3d", "hard_comics", "infantile_sketch", "long_shadow", "modern_folk",
                "multicolor", "neon_calm", "noir", "nostalgic_pastel", "outline_details", "pastel_gradient", "pastel_sketch",
                "pixel_art", "plastic", "pop_art", "pop_renaissance", "seamless", "street_art", "tablet_sketch", "urban_glow",
                "urban_sketching", "young_adult_book", "young_adult_book_2",
            ],
            "vector_illustration": [
                "bold_stroke", "chemistry", "colored_stencil", "contour_pop_art", "cosmics", "cutout", "depressive", "editorial",
                "emotional_flat", "engraving", "infographical", "line_art", "line_circuit", "linocut", "marker_outline", "mosaic",
                "naivector", "roundish_flat", "seamless", "segmented_colors", "sharp_contrast", "thin", "vector_photo", "vivid_shapes",
            ],
            "logo_raster": ["emblem_graffiti", "emblem_pop_art", "emblem_punk", "emblem_stamp", "emblem_vintage"],
        ],
        "recraftv2": [
            "any": [],
            "realistic_image": ["b_and_w", "enterprise", "hard_flash", "hdr", "motion_blur", "natural_light", "studio_portrait"],
            "digital_illustration": [
                "2d_art_poster", "2d_art_poster_2", "3d", "80s", "engraving_color", "glow", "grain", "hand_drawn", "hand_drawn_outline",
                "handmade_3d", "infantile_sketch", "kawaii", "pixel_art", "plastic", "psychedelic", "seamless", "voxel", "watercolor",
            ],
            "vector_illustration": [
                "cartoon", "doodle_line_art", "engraving", "flat_2", "kawaii", "line_art", "line_circuit", "linocut", "seamless",
            ],
            "icon": [
                "broken_line", "colored_outline", "colored_shapes", "colored_shapes_gradient", "doodle_fill", "doodle_offset_fill",
                "offset_fill", "outline", "outline_gradient", "pictogram",
            ],
        ],
    ]

    /// Every style any model takes, sorted (for documentation and for `POST /styles`).
    public static var allStyles: [String] { Array(Set(styles.values.flatMap(\.keys))).sorted() }

    /// The base styles a custom style may be made from.
    public static let customStyleBases = ["realistic_image", "digital_illustration", "vector_illustration", "icon"]
}
