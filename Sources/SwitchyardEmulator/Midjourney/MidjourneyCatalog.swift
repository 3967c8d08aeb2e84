/// Fixed vocabularies and numbers of the emulated midjourney-proxy upstream.
enum MidjourneyCatalog {
    /// Where the proxy's routes are served; a Midjourney channel's base URL is the emulator's root.
    static let basePath = "/mj"
    /// Folder of this family's images under `/media`.
    static let mediaFamily = "midjourney"
    /// The header the proxy takes its key in.
    static let keyHeader = "mj-api-secret"
    /// Words a prompt may not contain: the proxy answers code 24 naming the word.
    static let bannedWords = ["gore", "nsfw", "bloodbath"]
    /// The account every task runs on, as the proxy reports it in `properties`.
    static let instanceID = "1118138338562560102"
    /// `failReason` of a task made to fail by the `fail` fault.
    static let emulatedFailureReason = "[Invalid parameter] Generation failed (emulated)"

    /// Prompt markers that choose the proxy's own outcomes of a submit (the `[fault:<x>]` keywords choose the
    /// transport's): queued behind others (22), queue full (23), no account available (3); `[mj:queue-full@<key>]`
    /// and the like apply only to the account of that key.
    enum Marker: String, CaseIterable {
        case queued = "[mj:queued]"
        case queueFull = "[mj:queue-full]"
        case noAccount = "[mj:no-account]"
    }

    static let botTypes = ["MID_JOURNEY", "NIJI_JOURNEY"]
    static let dimensions = ["PORTRAIT", "SQUARE", "LANDSCAPE"]
}
