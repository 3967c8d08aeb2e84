import Foundation
import Hummingbird

/// The Udio music upstream as relays expose it (the relay task protocol), served under `/udio`.
///
/// Request counters are keyed by method and full path template, e.g. "POST /udio/submit/music",
/// "GET /udio/fetch/{id}" or "GET /udio/query".
struct UdioEmulatorRoutes: Sendable {
    /// Body fields whose `[fault:<x>]` keywords steer a generation's fault.
    private static let keywordFields = ["gen_params.prompt", "gen_params.lyrics"]

    /// Common relay request handling (counting, faults, keys, envelope).
    let endpoint: RelayEndpoint
    /// The tasks and songs of this instance.
    let store: UdioEmulatorStore

    /// Adds every Udio route to `router`.
    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(UdioCatalog.basePath))
        // The relays' two names for the one generate call.
        for path in ["submit/music", "generate-proxy"] {
            let route = "POST \(UdioCatalog.basePath)/\(path)"
            api.post(RouterPath(path)) { request, context in
                try await endpoint.respond(
                    route, request, context, readsBody: true, faults: .requested(keywordFields: Self.keywordFields)
                ) { call in
                    let plan = try UdioGenerateRequest.plan(call.body, completeSong: completeSong)
                    return .string(store.submit(plan, ownerKey: call.ownerKey, fault: call.fault).id)
                }
            }
        }
        api.get("fetch/{id}") { request, context in
            try await endpoint.respond("GET /udio/fetch/{id}", request, context) { _ in
                endpoint.runtime.clock.notePoll()
                let id = context.parameters.get("id") ?? ""
                guard let task = store.task(id) else { throw RelayError.taskNotFound(id) }
                return render(task)
            }
        }
        api.get("query") { request, context in
            // `{"songs":[...]}` as Udio answers it, outside the envelope; errors still in the relay vocabulary.
            try await endpoint.family.respond("GET /udio/query", request, context) { call in
                guard let raw = request.uri.queryParameters["ids"], !raw.isEmpty else {
                    throw RelayError.invalidRequest("ids: Field required")
                }
                let ids = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let songs = store.songs(ids).filter { $0.ownerKey == call.ownerKey }
                return EmulatorResponse.json(.object([("songs", .array(songs.map(render)))]))
            }
        }
    }

    /// The song named by `config.source.song_id`: 400 `song_not_found` when this emulator did not make it, 400
    /// `song_not_complete` while it is generating or when it ended in error.
    private func completeSong(_ id: String) throws -> UdioSong {
        guard let song = store.song(id) else {
            throw RelayError(
                status: .badRequest, code: "song_not_found", message: "gen_params.config.source.song_id: song \(id) not found")
        }
        guard song.isComplete(at: endpoint.runtime.clock.now, stepSeconds: endpoint.runtime.stepSeconds) else {
            throw RelayError(status: .badRequest, code: "song_not_complete", message: "song \(id) is not complete")
        }
        return song
    }

    /// Where this family's asset files are served, e.g. "http://127.0.0.1:PORT/media/udio".
    private var mediaBaseURL: String {
        endpoint.mediaBaseURL(UdioCatalog.mediaFamily)
    }

    /// The song object of `song` as it stands now.
    private func render(_ song: UdioSong) -> EmulatorJSON {
        song.json(at: endpoint.runtime.clock.now, stepSeconds: endpoint.runtime.stepSeconds, mediaBaseURL: mediaBaseURL)
    }

    /// The task object of `task` as it stands now, with its two songs.
    private func render(_ task: UdioTask) -> EmulatorJSON {
        let object = RelayTaskObject(
            id: task.id, action: UdioCatalog.action, notifyHook: task.plan.notifyHook, timeline: task.timeline,
            failReason: UdioEmulatorStore.failReason(of: task))
        let songs = store.songs(task.outputIDs).map(render)
        return object.json(at: endpoint.runtime.clock.now, stepSeconds: endpoint.runtime.stepSeconds, data: .array(songs))
    }
}
