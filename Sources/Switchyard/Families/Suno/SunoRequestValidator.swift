/// Validates Suno bodies against the relay protocol and builds the calls to run.
struct SunoRequestValidator: Sendable {
    let settings: SunoSettings
    let callbackPolicy: CallbackTargetPolicy

    static let musicTasks = ["extend", "upload_extend", "cover", "infill", "gen_stem"]

    /// `POST /suno/submit/music`: new songs, extend, cover, replace section, stems by task.
    func music(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let prompt = try fields.string("prompt", maxLength: 5_000)
        let description = try fields.string("gpt_description_prompt", maxLength: 3_000)
        let model = try fields.string("mv", allowed: settings.modelNames) ?? settings.defaultModel
        let title = try fields.string("title", maxLength: 200)
        let tags = try fields.string("tags", maxLength: 1_000)
        let negativeTags = try fields.string("negative_tags", maxLength: 1_000)
        let instrumental = try fields.bool("make_instrumental")
        let generationType = try fields.string("generation_type", allowed: ["TEXT"])
        // Older clients extend by naming the clip alone, without `task`: an extend all the same (priced, checked and
        // routed as one, and sent upstream as one).
        let extendsByClip = !(try fields.string("continue_clip_id", maxLength: 100) ?? "").isEmpty
        let task = try fields.string("task", allowed: Self.musicTasks) ?? (extendsByClip ? "extend" : nil)
        let continueAt = try fields.number("continue_at", range: 0...3_600)
        let infillStart = try fields.number("infill_start_s", range: 0...3_600)
        let infillEnd = try fields.number("infill_end_s", range: 0...3_600)
        let stemGroup = try fields.string("stem_type_group_name", maxLength: 100)
        let stemTask = try fields.string("stem_task", maxLength: 100)
        let callbackURL = try callback(fields, "notify_hook")

        var upstream = JSONObject()
        upstream["mv"] = .string(model)
        for (key, value) in [
            ("prompt", prompt), ("gpt_description_prompt", description), ("title", title), ("tags", tags), ("negative_tags", negativeTags),
            ("generation_type", generationType), ("task", task), ("stem_type_group_name", stemGroup), ("stem_task", stemTask),
        ] {
            if let value { upstream[key] = .string(value) }
        }
        if let instrumental { upstream["make_instrumental"] = .bool(instrumental) }
        for (key, value) in [("continue_at", continueAt), ("infill_start_s", infillStart), ("infill_end_s", infillEnd)] {
            if let value { upstream[key] = .number(value) }
        }

        var call = TaskCall.suno(
            action: .music, model: model, request: body, path: "/suno/submit/music", upstreamBody: upstream, callbackURL: callbackURL)
        switch task {
        case "extend", "upload_extend":
            call.sunoAction = .extend
            try reference(fields, "continue_clip_id", kind: "clip", into: &call, required: true)
            guard continueAt != nil else { throw GatewayError.validation(field: "continue_at", "is required to extend a clip") }
        case "cover":
            call.sunoAction = .cover
            try reference(fields, "cover_clip_id", kind: "clip", into: &call, required: true)
        case "infill":
            call.sunoAction = .infill
            try reference(fields, "continue_clip_id", kind: "clip", into: &call, required: true)
            guard let infillStart, let infillEnd, infillStart < infillEnd else {
                throw GatewayError.validation(field: "infill_end_s", "infill_start_s and infill_end_s are required, start before end")
            }
        case "gen_stem":
            // A task whose clips are the stems; the clip's model decides, as for `act/stems`.
            call.sunoAction = .stems
            call.model = ""
            try reference(fields, "continue_clip_id", kind: "clip", into: &call, required: true)
        default:
            guard [prompt, description, tags].contains(where: { !($0 ?? "").isEmpty }) else {
                throw GatewayError.validation(field: "prompt", "a prompt, a gpt_description_prompt or tags are required")
            }
        }
        try reference(fields, "persona_id", kind: "persona", into: &call, required: false)
        guard call.model.isEmpty || settings.allows(call.sunoAction, on: model) else {
            throw GatewayError.unsupported("Model \(model) does not support \(call.action)")
        }
        return call
    }

    /// `POST /suno/submit/lyrics`.
    func lyrics(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let prompt = try fields.string("prompt", required: true, maxLength: 3_000) ?? ""
        return TaskCall.suno(
            action: .lyrics, model: "suno-lyrics", request: body, path: "/suno/submit/lyrics", upstreamBody: ["prompt": .string(prompt)],
            callbackURL: try callback(fields, "notify_hook"), route: .anyChannel)
    }

    /// `POST /suno/submit/concat`.
    func concat(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let infill = try fields.bool("is_infill") ?? false
        var call = TaskCall.suno(
            action: .concat, model: "", request: body, path: "/suno/submit/concat", upstreamBody: ["is_infill": .bool(infill)],
            callbackURL: try callback(fields, "notify_hook"))
        try reference(fields, "clip_id", kind: "clip", into: &call, required: true)
        return call
    }

    /// `POST /suno/uploads/audio-url`.
    func upload(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let url = try fields.string("url", required: true, maxLength: 2_048) ?? ""
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw GatewayError.validation(field: "url", "must be an http(s) URL") }
        return TaskCall.suno(
            action: .upload, model: "suno-upload", request: body, path: "/suno/uploads/audio-url", upstreamBody: ["url": .string(url)],
            route: .anyChannel)
    }

    /// `POST /suno/persona/create/`.
    func persona(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let name = try fields.string("name", required: true, maxLength: 200) ?? ""
        let description = try fields.string("description", maxLength: 2_000)
        let isPublic = try fields.bool("is_public") ?? false
        var upstream: JSONObject = ["name": .string(name), "is_public": .bool(isPublic)]
        if let description { upstream["description"] = .string(description) }
        var call = TaskCall.suno(action: .persona, model: "", request: body, path: "/suno/persona/create/", upstreamBody: upstream)
        try reference(fields, "root_clip_id", kind: "clip", into: &call, required: true)
        if let clips = body["clips"], clips != .null {
            guard case .array(let ids) = clips, ids.count <= 20 else { throw GatewayError.validation(field: "clips", "must be a list of clip ids") }
            var upstreamIDs: [JSONValue] = []
            for (index, id) in ids.enumerated() {
                guard let id = id.stringValue else { throw GatewayError.validation(field: "clips[\(index)]", "must be a clip id") }
                call.references.append(TaskCall.sunoReference(kind: "clip", id: id, slot: .element("clips", index: index)))
                upstreamIDs.append(.string(id))
            }
            call.upstreamBody?["clips"] = .array(upstreamIDs)
        }
        return call
    }

    /// `GET /suno/act/{stems|timing|wav|mp4}/{clip_id}`.
    func act(_ action: SunoAction, clipID: String) -> TaskCall {
        var call = TaskCall.suno(
            action: action, model: "", request: ["clip_id": .string(clipID)], method: .GET, path: "/suno/act/\(action.rawValue)/")
        call.references.append(TaskCall.sunoReference(kind: "clip", id: clipID, slot: .pathSuffix))
        return call
    }

    private func reference(_ fields: JSONFieldReader, _ key: String, kind: String, into call: inout TaskCall, required: Bool) throws {
        guard let id = try fields.string(key, required: required, maxLength: 100) else { return }
        call.references.append(TaskCall.sunoReference(kind: kind, id: id, slot: .field(key)))
        call.upstreamBody?[key] = .string(id)
    }

    private func callback(_ fields: JSONFieldReader, _ key: String) throws -> String? {
        guard let url = try fields.string(key, maxLength: 2_048), !url.isEmpty else { return nil }
        _ = try callbackPolicy.checkForm(url, field: key)
        return url
    }
}
