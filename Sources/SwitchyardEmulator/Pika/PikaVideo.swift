/// A Pika video job: a kit job whose plan is the video it makes.
typealias PikaVideo = EmulatorJob<PikaVideoPlan>

/// What a generate call makes.
struct PikaVideoPlan: Sendable {
    let promptText: String
    let model: String
    let pikaffect: String?
    let seed: Int
    let duration: Int
}
