/// Pika's vocabulary as relays expose it: the models, the pikaffects, and the bounds of the options.
enum PikaCatalog {
    /// Model names, newest first; the first is the default.
    static let models = ["2.2", "2.1", "2.0", "1.5"]
    /// The effects a pikaffect call applies to an image ("" is none).
    static let pikaffects = [
        "Levitate", "Explode", "Melt", "Squish", "Inflate", "Crush", "Cake-ify", "Dissolve", "Deflate", "Crumble", "Ta-da", "Eye-pop", "Decapitate",
    ]
    static let durations = [5, 10]
    static let resolutions = ["720p", "1080p"]
    /// The action of a plain video and of a pikaffect, which price apart.
    static let videoAction = "video"
    static let pikaffectAction = "pikaffect"
    static let promptMaxLength = 2_000
    static let imageMaxLength = 30_000_000
}
