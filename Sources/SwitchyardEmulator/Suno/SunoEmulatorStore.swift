import Foundation
import Synchronization

/// The Suno emulator's in-memory tasks, clips and personas, safe to use from concurrent requests.
final class SunoEmulatorStore: Sendable {
    /// Everything stored, behind one lock.
    private let contents = Mutex(Contents())

    /// The lock-protected part of the store.
    private struct Contents {
        var tasks: [String: SunoTask] = [:]
        var clips: [String: SunoClip] = [:]
        var personas: [String: SunoPersona] = [:]
    }

    /// Creates an empty store.
    init() {}

    /// Stores a task submitted now for `plan` and its clips, and returns it.
    /// - Parameter fault: `fail` makes every output fail; `partial` makes the first clip complete and the others
    ///   fail (with a single output it acts as `fail`); other faults are ignored.
    func submit(_ plan: SunoTaskPlan, fault: EmulatorFault?) -> SunoTask {
        let timeline = SunoTimeline.startingNow()
        let failReason: String?
        switch fault {
        case .fail: failReason = SunoCatalog.emulatedFailureReason
        case .partial where plan.songs.count > 1: failReason = SunoCatalog.partialFailureReason
        case .partial: failReason = SunoCatalog.emulatedFailureReason
        default: failReason = nil
        }
        let clips = plan.songs.enumerated().map { index, song in
            // Under `partial` only the first clip survives; under `fail` none does.
            let endsInError = failReason != nil && !(fault == .partial && index == 0 && plan.songs.count > 1)
            return SunoClip(id: Self.newID(), song: song, timeline: timeline, endsInError: endsInError)
        }
        let task = SunoTask(
            id: Self.newID(),
            action: plan.action,
            timeline: timeline,
            clipIDs: clips.map(\.id),
            lyrics: plan.action == .lyrics && failReason == nil
                ? SunoLyrics(prompt: plan.lyricsPrompt, id: Self.newID()) : nil,
            failReason: failReason
        )
        contents.withLock { contents in
            for clip in clips { contents.clips[clip.id] = clip }
            contents.tasks[task.id] = task
        }
        return task
    }

    /// Stores clips that exist complete from now on (uploads, stems) and returns them.
    func addFinishedClips(_ songs: [SunoSong]) -> [SunoClip] {
        let timeline = SunoTimeline.startingNow(finished: true)
        let clips = songs.map { SunoClip(id: Self.newID(), song: $0, timeline: timeline, endsInError: false) }
        contents.withLock { contents in
            for clip in clips { contents.clips[clip.id] = clip }
        }
        return clips
    }

    /// Stores a new persona and returns it.
    func addPersona(
        name: String,
        description: String,
        rootClipID: String,
        clipIDs: [String],
        isPublic: Bool
    ) -> SunoPersona {
        let persona = SunoPersona(
            id: Self.newID(),
            name: name,
            description: description,
            rootClipID: rootClipID,
            clipIDs: clipIDs,
            isPublic: isPublic
        )
        contents.withLock { $0.personas[persona.id] = persona }
        return persona
    }

    /// The task with `id`, nil when unknown.
    func task(_ id: String) -> SunoTask? {
        contents.withLock { $0.tasks[id] }
    }

    /// The clip with `id`, nil when unknown.
    func clip(_ id: String) -> SunoClip? {
        contents.withLock { $0.clips[id] }
    }

    /// The clips with `ids` that exist, in the order asked.
    func clips(_ ids: [String]) -> [SunoClip] {
        contents.withLock { contents in ids.compactMap { contents.clips[$0] } }
    }

    /// The persona with `id`, nil when unknown.
    func persona(_ id: String) -> SunoPersona? {
        contents.withLock { $0.personas[id] }
    }

    /// A fresh lowercase UUID, the form Suno's ids take.
    private static func newID() -> String {
        UUID().uuidString.lowercased()
    }
}
