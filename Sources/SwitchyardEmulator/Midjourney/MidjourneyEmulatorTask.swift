import Foundation

/// One task of the emulated proxy: what it makes, which image hash its buttons carry, and its timeline (nil while
/// it waits for a modal).
struct MidjourneyEmulatorTask: Sendable {
    /// What a finished task's buttons offer.
    enum Buttons: Sendable {
        /// A four-image grid: U1–U4, reroll, V1–V4.
        case grid
        /// One upscaled image: vary (strong, subtle, region), zoom out (2×, 1.5×, custom), pan.
        case single
        case none
    }

    /// Epoch milliseconds and three random digits, as the proxy makes them.
    let id: String
    let ownerKey: String
    /// `IMAGINE`, `UPSCALE`, `VARIATION`…
    let action: String
    let prompt: String
    let botType: String
    /// The button that started it, for actions.
    let customID: String?
    /// The image hash its buttons name (a Discord message hash upstream).
    let hash: String
    let buttons: Buttons
    /// Nil while waiting for `/mj/submit/modal`.
    let timeline: EmulatorTimeline?
    let outcome: EmulatorJobOutcome
    /// `properties.finalPrompt` of a describe or shorten.
    let finalPrompt: String?
    /// What `/mj/submit/modal` must bring: a prompt (custom zoom) or a mask (inpaint).
    let modalNeeds: String?
    let seed: Int

    /// The task once its modal arrived: its timeline starts now, with the modal's prompt.
    func continued(prompt newPrompt: String?, on clock: EmulatorClock) -> MidjourneyEmulatorTask {
        MidjourneyEmulatorTask(
            id: id, ownerKey: ownerKey, action: action, prompt: newPrompt ?? prompt, botType: botType, customID: customID, hash: hash,
            buttons: buttons, timeline: .starting(on: clock), outcome: outcome, finalPrompt: finalPrompt, modalNeeds: nil, seed: seed)
    }

    /// Whether it succeeded by `now`.
    func succeeded(at now: EmulatorInstant, stepSeconds: Double) -> Bool {
        timeline?.phase(at: now, stepSeconds: stepSeconds) == .finished && !outcome.jobFails
    }

    /// The proxy's task object at `now`.
    func json(at now: EmulatorInstant, stepSeconds: Double, mediaBaseURL: String) -> EmulatorJSON {
        let phase = timeline?.phase(at: now, stepSeconds: stepSeconds)
        let status: String
        var progress = "0%"
        var imageURL: String?
        switch phase {
        case nil: status = "MODAL"
        case .waiting?: status = "SUBMITTED"
        case .working(let fraction)?:
            status = "IN_PROGRESS"
            progress = "\(Int(fraction * 4) * 25)%"
            imageURL = "\(mediaBaseURL)/\(hash)_progress.png"
        case .finished?:
            status = outcome.jobFails ? "FAILURE" : "SUCCESS"
            progress = outcome.jobFails ? "" : "100%"
            imageURL = outcome.jobFails ? nil : "\(mediaBaseURL)/\(hash).\(action == "VIDEO" ? "jpg" : "png")"
        }
        // A video's clip, with its first frame as `imageUrl`.
        let videoURL = action == "VIDEO" && status == "SUCCESS" ? "\(mediaBaseURL)/\(hash).mp4" : nil
        let submitted = timeline?.submittedAt.timeIntervalSince1970 ?? 0
        let startTime: EmulatorJSON
        let finishTime: EmulatorJSON
        switch phase {
        case .working?: startTime = .int(Int((submitted + stepSeconds) * 1000)); finishTime = .null
        case .finished?:
            startTime = .int(Int((submitted + stepSeconds) * 1000))
            finishTime = .int(Int((submitted + stepSeconds * (EmulatorTimeline.waitingSteps + EmulatorTimeline.workingSteps)) * 1000))
        default: startTime = .null; finishTime = .null
        }
        var properties: [(String, EmulatorJSON)] = [
            ("discordInstanceId", .string(MidjourneyCatalog.instanceID)), ("messageHash", .string(hash)),
        ]
        properties.append(("finalPrompt", .string(finalPrompt ?? prompt)))
        return .object([
            ("id", .string(id)),
            ("action", .string(action)),
            ("customId", .from(customID)),
            ("botType", .string(botType)),
            ("prompt", .string(prompt)),
            ("promptEn", .string(prompt)),
            ("description", .string("/\(action.lowercased()) \(id)")),
            ("state", .null),
            ("submitTime", .int(Int(submitted * 1000))),
            ("startTime", startTime),
            ("finishTime", finishTime),
            ("imageUrl", .from(imageURL)),
            ("videoUrl", .from(videoURL)),
            ("status", .string(status)),
            ("progress", .string(progress)),
            ("failReason", status == "FAILURE" ? .string(MidjourneyCatalog.emulatedFailureReason) : .null),
            ("buttons", status == "SUCCESS" ? .array(buttonObjects.map(Self.button)) : .array([])),
            ("properties", .object(properties)),
        ])
    }

    /// The finished task's buttons: (customId, emoji, label).
    var buttonObjects: [(String, String, String)] {
        switch buttons {
        case .none: return []
        case .grid:
            return (1...4).map { ("MJ::JOB::upsample::\($0)::\(hash)", "", "U\($0)") } + [("MJ::JOB::reroll::0::\(hash)::SOLO", "🔄", "")]
                + (1...4).map { ("MJ::JOB::variation::\($0)::\(hash)", "", "V\($0)") }
        case .single:
            return [
                ("MJ::JOB::high_variation::1::\(hash)::SOLO", "🪄", "Vary (Strong)"),
                ("MJ::JOB::low_variation::1::\(hash)::SOLO", "🪄", "Vary (Subtle)"),
                ("MJ::Inpaint::1::\(hash)::SOLO", "🖌️", "Vary (Region)"), ("MJ::Outpaint::50::1::\(hash)::SOLO", "🔍", "Zoom Out 2x"),
                ("MJ::Outpaint::75::1::\(hash)::SOLO", "🔍", "Zoom Out 1.5x"), ("MJ::CustomZoom::\(hash)", "🔍", "Custom Zoom"),
                ("MJ::JOB::pan_left::1::\(hash)::SOLO", "⬅️", ""), ("MJ::JOB::pan_right::1::\(hash)::SOLO", "➡️", ""),
                ("MJ::JOB::pan_up::1::\(hash)::SOLO", "⬆️", ""), ("MJ::JOB::pan_down::1::\(hash)::SOLO", "⬇️", ""),
            ]
        }
    }

    private static func button(_ parts: (String, String, String)) -> EmulatorJSON {
        .object([("customId", .string(parts.0)), ("emoji", .string(parts.1)), ("label", .string(parts.2)), ("type", .int(2)), ("style", .int(2))])
    }
}
