import Foundation
import Hummingbird

/// The Suno music upstream as relays expose it (the relay task protocol), served under `/suno`.
///
/// Request counters are keyed by method and full path template, e.g. "POST /suno/submit/music",
/// "GET /suno/fetch/{id}" or "GET /suno/act/stems/{id}".
struct SunoEmulatorRoutes: Sendable {
    /// Body fields whose `[fault:<x>]` keywords steer a music request's fault.
    private static let musicKeywordFields = ["prompt", "gpt_description_prompt", "title", "tags"]

    /// Common relay request handling (counting, faults, keys, envelope).
    let endpoint: RelayEndpoint
    /// The tasks, clips and personas of this instance.
    let store: SunoEmulatorStore

    /// Where this family's asset files are served, e.g. "http://127.0.0.1:PORT/media/suno".
    private var mediaBaseURL: String {
        endpoint.mediaBaseURL(SunoCatalog.mediaFamily)
    }

    /// Resolves referenced clips against the store as of now.
    private var lookup: SunoClipLookup {
        SunoClipLookup(store: store, runtime: endpoint.runtime)
    }

    /// Adds every Suno route to `router`.
    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(SunoCatalog.basePath))
        registerSubmits(on: api)
        registerActions(on: api)
        registerReads(on: api)
    }

    // MARK: - Creates

    /// The routes that create tasks, uploads and personas.
    private func registerSubmits(on api: RouterGroup<EmulatorRequestContext>) {
        api.post("submit/music") { request, context in
            try await endpoint.respond(
                "POST /suno/submit/music", request, context, readsBody: true,
                faults: .requested(keywordFields: Self.musicKeywordFields)
            ) { call in
                let plan = try SunoMusicRequest.plan(call.body, lookup: lookup)
                return .string(store.submit(plan, fault: call.fault).id)
            }
        }
        api.post("submit/lyrics") { request, context in
            try await endpoint.respond(
                "POST /suno/submit/lyrics", request, context, readsBody: true,
                faults: .requested(keywordFields: ["prompt"])
            ) { call in
                let prompt = try call.body.string("prompt")
                _ = try call.body.string("notify_hook")
                let plan = SunoTaskPlan(action: .lyrics, lyricsPrompt: prompt)
                return .string(store.submit(plan, fault: call.fault).id)
            }
        }
        api.post("submit/concat") { request, context in
            try await endpoint.respond(
                "POST /suno/submit/concat", request, context, readsBody: true,
                faults: .requested(keywordFields: [])
            ) { call in
                let source = try lookup.completeClip(try required(call.body, "clip_id"), field: "clip_id")
                let isInfill = try call.body.bool("is_infill") ?? false
                let song = try SunoConcat.song(from: source, isInfill: isInfill, store: store)
                return .string(store.submit(SunoTaskPlan(action: .music, songs: [song]), fault: call.fault).id)
            }
        }
        api.post("uploads/audio-url") { request, context in
            try await endpoint.respond(
                "POST /suno/uploads/audio-url", request, context, readsBody: true,
                faults: .requested(keywordFields: [])
            ) { call in
                let url = try call.body.url("url", required: true) ?? ""
                let clip = store.addFinishedClips([Self.uploadSong(url: url)])[0]
                return render(clip)
            }
        }
        api.post("persona/create/") { request, context in
            try await endpoint.respond(
                "POST /suno/persona/create/", request, context, readsBody: true,
                faults: .requested(keywordFields: [])
            ) { call in
                try createPersona(call.body)
            }
        }
    }

    /// `POST /suno/persona/create/`: a persona from a complete root clip and optional further clips.
    private func createPersona(_ body: EmulatorJSONFields) throws -> EmulatorJSON {
        let root = try lookup.completeClip(try required(body, "root_clip_id"), field: "root_clip_id")
        let name = try required(body, "name")
        let description = try body.string("description") ?? ""
        let isPublic = try body.bool("is_public") ?? false
        var clips = [root]
        for (index, element) in (try body.array("clips") ?? []).enumerated() {
            guard case .string(let id) = element else {
                throw RelayError.invalidRequest("clips.\(index): Input should be a valid string")
            }
            let clip = try lookup.completeClip(id, field: "clips.\(index)")
            if !clips.contains(where: { $0.id == clip.id }) { clips.append(clip) }
        }
        let persona = store.addPersona(
            name: name, description: description, rootClipID: root.id, clipIDs: clips.map(\.id), isPublic: isPublic)
        return persona.json(rootClip: render(root), personaClips: clips.map(render))
    }

    /// The clip song of an upload from `url`: complete, 30 s, titled after the file name.
    private static func uploadSong(url: String) -> SunoSong {
        let fileName = URL(string: url)?.deletingPathExtension().lastPathComponent ?? ""
        return SunoSong(
            title: fileName.isEmpty || fileName == "/" ? "Uploaded audio" : fileName,
            modelName: SunoCatalog.uploadModel,
            majorModelVersion: SunoCatalog.majorVersion(of: SunoCatalog.uploadModel),
            type: "upload",
            tags: "",
            negativeTags: "",
            prompt: "",
            gptDescriptionPrompt: nil,
            duration: SunoCatalog.clipDuration,
            makeInstrumental: false,
            audioURL: url
        )
    }

    // MARK: - Actions on a clip

    /// `GET /suno/act/...`: stems, timing, WAV and music video of a complete clip.
    private func registerActions(on api: RouterGroup<EmulatorRequestContext>) {
        api.get("act/stems/{id}") { request, context in
            try await endpoint.respond("GET /suno/act/stems/{id}", request, context) { _ in
                let source = try lookup.completeClip(inPath: context.parameters.get("id") ?? "")
                let stems = store.addFinishedClips(try SunoStems.songs(from: source))
                return .array(stems.map(render))
            }
        }
        api.get("act/timing/{id}") { request, context in
            try await endpoint.respond("GET /suno/act/timing/{id}", request, context) { _ in
                let clip = try lookup.completeClip(inPath: context.parameters.get("id") ?? "")
                try SunoAdvancedFeature.timing.require(clip)
                return SunoTimingSheet.json(for: clip)
            }
        }
        api.get("act/wav/{id}") { request, context in
            try await endpoint.respond("GET /suno/act/wav/{id}", request, context) { _ in
                let clip = try lookup.completeClip(inPath: context.parameters.get("id") ?? "")
                return .object([("wav_file_url", .string(clip.wavURL(mediaBaseURL: mediaBaseURL)))])
            }
        }
        api.get("act/mp4/{id}") { request, context in
            try await endpoint.respond("GET /suno/act/mp4/{id}", request, context) { _ in
                let clip = try lookup.completeClip(inPath: context.parameters.get("id") ?? "")
                try SunoAdvancedFeature.video.require(clip)
                return .object([("video_url", .string(clip.videoURL(mediaBaseURL: mediaBaseURL)))])
            }
        }
    }

    // MARK: - Reads

    /// Task and clip reads.
    private func registerReads(on api: RouterGroup<EmulatorRequestContext>) {
        api.get("fetch/{id}") { request, context in
            try await endpoint.respond("GET /suno/fetch/{id}", request, context) { _ in
                endpoint.runtime.clock.notePoll()
                let id = context.parameters.get("id") ?? ""
                guard let task = store.task(id) else { throw RelayError.taskNotFound(id) }
                return render(task)
            }
        }
        api.post("fetch") { request, context in
            try await endpoint.respond("POST /suno/fetch", request, context, readsBody: true) { call in
                endpoint.runtime.clock.notePoll()
                guard let elements = try call.body.array("ids") else {
                    throw RelayError.invalidRequest("ids: Field required")
                }
                let ids = try elements.enumerated().map { index, element -> String in
                    guard case .string(let id) = element else {
                        throw RelayError.invalidRequest("ids.\(index): Input should be a valid string")
                    }
                    return id
                }
                return .array(ids.compactMap { store.task($0) }.map(render))
            }
        }
        api.get("feed/{ids}") { request, context in
            try await endpoint.respond("GET /suno/feed/{ids}", request, context) { _ in
                let ids = (context.parameters.get("ids") ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                return .array(store.clips(ids.filter { !$0.isEmpty }).map(render))
            }
        }
    }

    // MARK: - Rendering

    /// The clip object of `clip` as it stands now.
    private func render(_ clip: SunoClip) -> EmulatorJSON {
        clip.json(at: endpoint.runtime.clock.now, stepSeconds: endpoint.runtime.stepSeconds, mediaBaseURL: mediaBaseURL)
    }

    /// The task object of `task` as it stands now, with its clips.
    private func render(_ task: SunoTask) -> EmulatorJSON {
        task.json(
            at: endpoint.runtime.clock.now,
            stepSeconds: endpoint.runtime.stepSeconds,
            clips: store.clips(task.clipIDs),
            mediaBaseURL: mediaBaseURL
        )
    }

    /// A string field a route needs: 400 `invalid_request` when absent or empty.
    private func required(_ body: EmulatorJSONFields, _ key: String) throws -> String {
        guard let value = try body.string(key), !value.isEmpty else {
            throw RelayError.invalidRequest("\(key): Field required")
        }
        return value
    }
}
