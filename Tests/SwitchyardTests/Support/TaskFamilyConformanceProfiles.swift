@testable import Switchyard

/// One conformance profile per task family, by module name. A task family in `FamilyModules.all` without an entry
/// here fails the conformance suite: adding a family means declaring how the suite drives it.
enum TaskFamilyConformanceProfiles {
    static let byFamily: [String: TaskFamilyConformanceProfile] = Dictionary(
        uniqueKeysWithValues: [luma, suno, udio, flux, midjourney, kling, replicate, runway, miniMax, pika].map { ($0.family, $0) })

    /// The names of the families in the module list that have tasks: what the suite is parameterised over. Families
    /// whose upstream answers at once (no callback states: a call ends as it is accepted, nothing is polled, fetched or
    /// called back) have no live task to drive; their own end-to-end suites test the money and refusals.
    static var taskFamilies: [String] {
        FamilyModules.all.filter { $0.taskFamily(settings: FamilySettings()) != nil && !answeredAtOnce.contains($0.name) }.map(\.name)
    }

    /// Families whose upstream answers a call at once (their tasks are finished by the create's answer): no task to
    /// read back, poll, call back or delete, so the suite cannot drive them; their own end-to-end tests cover the
    /// money, tenancy and bad input (`Recraft*Tests`, `Ideogram*Tests`).
    static let answeredAtOnce: Set<String> = ["recraft", "ideogram"]

    static let luma = TaskFamilyConformanceProfile(
        family: "luma", submitPath: "/dream-machine/v1/generations/video", createdStatus: 201,
        body: { prompt, callback in
            var fields: JSONObject = ["prompt": .string(prompt)]
            if let callback { fields["callback_url"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { $0["id"]?.stringValue },
        fetchPath: { "/dream-machine/v1/generations/\($0)" },
        taskObject: { $0 },
        taskID: { $0["id"]?.stringValue },
        outcome: { task in
            switch task["state"]?.stringValue {
            case "completed": .succeeded
            case "failed": .failed
            default: nil
            }
        },
        idProbes: { task in
            let id = task["id"]?.stringValue ?? ""
            return [
                .init(kind: "generation", method: .GET, path: "/dream-machine/v1/generations/\(id)", body: nil),
                .init(kind: "generation (delete)", method: .DELETE, path: "/dream-machine/v1/generations/\(id)", body: nil),
                .init(
                    kind: "generation (upscale)", method: .POST, path: "/dream-machine/v1/generations/\(id)/upscale",
                    body: #"{"resolution":"4k"}"#),
            ]
        },
        deletePath: { "/dream-machine/v1/generations/\($0)" },
        errorMessage: { $0?["detail"]?.stringValue },
        badBodies: [("nope", 400), (#"{"prompt":"x","callback_url":"ftp://x"}"#, 422), (#"{"prompt":"x","model":"ray-99"}"#, 422)])

    static let suno = TaskFamilyConformanceProfile(
        family: "suno", submitPath: "/suno/submit/music", createdStatus: 200,
        body: { prompt, callback in
            var fields: JSONObject = ["prompt": .string(prompt), "mv": "chirp-v4"]
            if let callback { fields["notify_hook"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { envelopeData($0)?.stringValue },
        fetchPath: { "/suno/fetch/\($0)" },
        taskObject: envelopeData,
        taskID: { $0["task_id"]?.stringValue },
        outcome: relayOutcome,
        idProbes: { task in
            var probes: [TaskFamilyConformanceProfile.IDProbe] = [
                .init(kind: "task", method: .GET, path: "/suno/fetch/\(task["task_id"]?.stringValue ?? "")", body: nil)
            ]
            if case .array(let clips)? = task["data"] {
                for clip in clips.compactMap({ $0["id"]?.stringValue }) {
                    probes.append(
                        .init(
                            kind: "clip", method: .POST, path: "/suno/submit/music",
                            body: #"{"task":"extend","continue_clip_id":"\#(clip)","continue_at":5,"mv":"chirp-v4"}"#))
                    probes.append(.init(kind: "clip (wav)", method: .GET, path: "/suno/act/wav/\(clip)", body: nil))
                }
            }
            return probes
        },
        deletePath: nil,
        errorMessage: relayErrorMessage,
        badBodies: [
            ("nope", 400), (#"{"mv":"chirp-v9","prompt":"x"}"#, 422), (#"{"mv":"chirp-v4"}"#, 422), (#"{"task":"extend","mv":"chirp-v4"}"#, 422),
        ])

    /// The relay envelope Suno and Udio answer in: the payload of a success, nil otherwise.
    static func envelopeData(_ answer: JSONValue) -> JSONValue? {
        answer["code"] == "success" ? answer["data"] : nil
    }

    /// The relay protocol's error body, `{"code","message","data":null}`: its message, nil for any other shape.
    static func relayErrorMessage(_ answer: JSONValue?) -> String? {
        guard let answer, answer["data"] == .null, answer["code"]?.stringValue?.isEmpty == false else { return nil }
        return answer["message"]?.stringValue
    }

    /// The relay protocol's task outcome (`SUCCESS`/`FAILURE`).
    static func relayOutcome(_ task: JSONValue) -> TaskFamilyConformanceProfile.Outcome? {
        switch task["status"]?.stringValue {
        case "SUCCESS": .succeeded
        case "FAILURE": .failed
        default: nil
        }
    }

    static let udio = TaskFamilyConformanceProfile(
        family: "udio", submitPath: "/udio/submit/music", createdStatus: 200,
        body: { prompt, callback in
            var fields: JSONObject = ["gen_params": .object(["prompt": .string(prompt), "model_type": "udio32-v1.5"])]
            if let callback { fields["notify_hook"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { envelopeData($0)?.stringValue },
        fetchPath: { "/udio/fetch/\($0)" },
        taskObject: envelopeData,
        taskID: { $0["task_id"]?.stringValue },
        outcome: relayOutcome,
        idProbes: { task in
            var probes: [TaskFamilyConformanceProfile.IDProbe] = [
                .init(kind: "task", method: .GET, path: "/udio/fetch/\(task["task_id"]?.stringValue ?? "")", body: nil)
            ]
            for song in (task["data"]?.arrayValue ?? []).compactMap({ $0["id"]?.stringValue }) {
                probes.append(
                    .init(
                        kind: "song", method: .POST, path: "/udio/submit/music",
                        body:
                            #"{"gen_params":{"prompt":"more","config":{"mode":"continuation","source":{"source_type":"song","song_id":"\#(song)"}}}}"#
                    ))
            }
            return probes
        },
        deletePath: nil,
        errorMessage: relayErrorMessage,
        badBodies: [
            ("nope", 400), (#"{"gen_params":{}}"#, 422), (#"{"gen_params":{"prompt":"x","model_type":"udio-99"}}"#, 422),
            (#"{"gen_params":{"prompt":"x"},"notify_hook":"ftp://x"}"#, 422),
        ])

    static let replicate = TaskFamilyConformanceProfile(
        family: "replicate", submitPath: "/replicate/v1/models/black-forest-labs/flux-schnell/predictions", createdStatus: 201,
        body: { prompt, callback in
            var fields: JSONObject = ["input": .object(["prompt": .string(prompt)])]
            if let callback { fields["webhook"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { $0["id"]?.stringValue },
        fetchPath: { "/replicate/v1/predictions/\($0)" },
        taskObject: { $0 },
        taskID: { $0["id"]?.stringValue },
        outcome: { prediction in
            switch prediction["status"]?.stringValue {
            case "succeeded": .succeeded
            case "failed", "canceled": .failed
            default: nil
            }
        },
        idProbes: { prediction in
            let id = prediction["id"]?.stringValue ?? ""
            return [
                .init(kind: "prediction", method: .GET, path: "/replicate/v1/predictions/\(id)", body: nil),
                .init(kind: "prediction (cancel)", method: .POST, path: "/replicate/v1/predictions/\(id)/cancel", body: nil),
            ]
        },
        deletePath: nil,
        errorMessage: { answer in
            guard let answer, answer["status"]?.intValue != nil else { return nil }
            return answer["detail"]?.stringValue
        },
        badBodies: [
            ("nope", 400), (#"{}"#, 422), (#"{"input":"x"}"#, 422), (#"{"input":{},"webhook":"ftp://x"}"#, 422),
            (#"{"input":{"num_outputs":99}}"#, 422), (#"{"input":{},"webhook_events_filter":["done"]}"#, 422),
        ])

    static let flux = TaskFamilyConformanceProfile(
        family: "flux", submitPath: "/flux/v1/flux-pro-1.1", createdStatus: 200,
        body: { prompt, callback in
            var fields: JSONObject = ["prompt": .string(prompt), "width": 1024, "height": 768]
            if let callback { fields["webhook_url"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { $0["id"]?.stringValue },
        fetchPath: { "/flux/v1/get_result?id=\($0)" },
        taskObject: { $0 },
        taskID: { $0["id"]?.stringValue },
        outcome: { task in
            switch task["status"]?.stringValue {
            case "Ready": .succeeded
            case "Error", "Request Moderated", "Content Moderated": .failed
            default: nil
            }
        },
        idProbes: { task in
            [.init(kind: "task", method: .GET, path: "/flux/v1/get_result?id=\(task["id"]?.stringValue ?? "")", body: nil)]
        },
        deletePath: nil,
        errorMessage: fluxErrorMessage,
        badBodies: [
            ("nope", 400), (#"{"prompt":"x","width":1000}"#, 422), (#"{"prompt":"x","height":2048}"#, 422), (#"{"width":1024}"#, 422),
            (#"{"prompt":"x","webhook_url":"ftp://x"}"#, 422), (#"{"prompt":"x","output_format":"gif"}"#, 422),
        ])

    /// BFL's error bodies: `{"detail":"..."}`, `{"detail":[{"loc","msg","type"}]}`, or get_result's `Task not found`.
    static func fluxErrorMessage(_ answer: JSONValue?) -> String? {
        if let detail = answer?["detail"]?.stringValue { return detail }
        if let first = answer?["detail"]?.arrayValue?.first, first["loc"]?.arrayValue != nil { return first["msg"]?.stringValue }
        return answer?["status"] == "Task not found" ? "Task not found" : nil
    }

    static let kling = TaskFamilyConformanceProfile(
        family: "kling", submitPath: "/kling/v1/videos/text2video", createdStatus: 200,
        body: { prompt, callback in
            var fields: JSONObject = ["prompt": .string(prompt), "model_name": "kling-v1-6", "duration": "5"]
            if let callback { fields["callback_url"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { klingData($0)?["task_id"]?.stringValue },
        fetchPath: { "/kling/v1/videos/text2video/\($0)" },
        taskObject: klingData,
        taskID: { $0["task_id"]?.stringValue },
        outcome: { task in
            switch task["task_status"]?.stringValue {
            case "succeed": .succeeded
            case "failed": .failed
            default: nil
            }
        },
        idProbes: { task in
            var probes: [TaskFamilyConformanceProfile.IDProbe] = [
                .init(kind: "task", method: .GET, path: "/kling/v1/videos/text2video/\(task["task_id"]?.stringValue ?? "")", body: nil)
            ]
            for video in (task["task_result"]?["videos"]?.arrayValue ?? []).compactMap({ $0["id"]?.stringValue }) {
                probes.append(.init(kind: "video (extend)", method: .POST, path: "/kling/v1/videos/video-extend", body: #"{"video_id":"\#(video)"}"#))
                probes.append(
                    .init(
                        kind: "video (lip-sync)", method: .POST, path: "/kling/v1/videos/lip-sync",
                        body: #"{"input":{"video_id":"\#(video)","mode":"text2video","text":"hi","voice_id":"v1"}}"#))
            }
            return probes
        },
        deletePath: nil,
        errorMessage: klingErrorMessage,
        badBodies: [
            ("nope", 400), (#"{"prompt":"x","model_name":"kling-v9"}"#, 400), (#"{"prompt":"x","callback_url":"ftp://x"}"#, 400),
            (#"{"model_name":"kling-v1"}"#, 400), (#"{"prompt":"x","duration":"7"}"#, 400), (#"{"prompt":"x","cfg_scale":2}"#, 400),
        ])

    /// The `data` of Kling's success envelope (`code` 0), nil for anything else.
    static func klingData(_ answer: JSONValue) -> JSONValue? {
        answer["code"]?.intValue == 0 ? answer["data"] : nil
    }

    /// Kling's error envelope, `{"code":<non-zero>,"message","request_id","data":null}`: its message.
    static func klingErrorMessage(_ answer: JSONValue?) -> String? {
        guard let answer, let code = answer["code"]?.intValue, code != 0, answer["data"] == .null, answer["request_id"]?.stringValue != nil
        else { return nil }
        return answer["message"]?.stringValue
    }

    static let runway = TaskFamilyConformanceProfile(
        family: "runway", submitPath: "/runwayml/v1/image_to_video", createdStatus: 200,
        body: { prompt, _ in
            JSONValue.object([
                "model": "gen4_turbo", "promptImage": "https://example.com/cat.png", "ratio": "1280:720", "duration": 5,
                "promptText": .string(prompt),
            ]).encoded()
        },
        submittedID: { $0["id"]?.stringValue },
        fetchPath: { "/runwayml/v1/tasks/\($0)" },
        taskObject: { $0 },
        taskID: { $0["id"]?.stringValue },
        outcome: { task in
            switch task["status"]?.stringValue {
            case "SUCCEEDED": .succeeded
            case "FAILED", "CANCELLED": .failed
            default: nil
            }
        },
        idProbes: { task in
            let id = task["id"]?.stringValue ?? ""
            return [
                .init(kind: "task", method: .GET, path: "/runwayml/v1/tasks/\(id)", body: nil),
                .init(kind: "task (delete)", method: .DELETE, path: "/runwayml/v1/tasks/\(id)", body: nil),
            ]
        },
        deletePath: { "/runwayml/v1/tasks/\($0)" },
        errorMessage: { $0?["error"]?.stringValue },
        badBodies: [
            ("nope", 400), (#"{"model":"gen9","promptImage":"https://example.com/a.png","ratio":"1280:720"}"#, 400),
            (#"{"model":"gen4_turbo","ratio":"1280:720"}"#, 400),
            (#"{"model":"gen4_turbo","promptImage":"https://example.com/a.png","ratio":"1280:768"}"#, 400),
            (#"{"model":"gen4_turbo","promptImage":"https://example.com/a.png","ratio":"1280:720","duration":7}"#, 400),
            (#"{"model":"gen4_turbo","promptImage":"http://example.com/a.png","ratio":"1280:720"}"#, 400),
            (#"{"model":"gen4_turbo","promptImage":"https://example.com/a.png","ratio":"1280:720","seed":-1}"#, 400),
        ],
        headers: [("X-Runway-Version", "2024-11-06")], takesCallbacks: false)

    static let miniMax = TaskFamilyConformanceProfile(
        family: "minimax", submitPath: "/minimax/v1/video_generation", createdStatus: 200,
        body: { prompt, callback in
            var fields: JSONObject = ["model": "MiniMax-Hailuo-02", "prompt": .string(prompt), "duration": 6, "resolution": "768P"]
            if let callback { fields["callback_url"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { $0["task_id"]?.stringValue },
        fetchPath: { "/minimax/v1/query/video_generation?task_id=\($0)" },
        taskObject: { $0 },
        taskID: { $0["task_id"]?.stringValue },
        outcome: { task in
            switch task["status"]?.stringValue {
            case "Success": .succeeded
            case "Fail": .failed
            default: nil
            }
        },
        idProbes: { task in
            [
                .init(
                    kind: "task", method: .GET, path: "/minimax/v1/query/video_generation?task_id=\(task["task_id"]?.stringValue ?? "")", body: nil),
                .init(kind: "file", method: .GET, path: "/minimax/v1/files/retrieve?file_id=\(task["file_id"]?.stringValue ?? "")", body: nil),
            ]
        },
        deletePath: nil,
        errorMessage: miniMaxErrorMessage,
        badBodies: [
            ("nope", 400), (#"{"prompt":"x"}"#, 422), (#"{"model":"MiniMax-Hailuo-02","prompt":"x","duration":7}"#, 422),
            (#"{"model":"MiniMax-Hailuo-02","prompt":"x","duration":10,"resolution":"1080P"}"#, 422),
            (#"{"model":"I2V-01","prompt":"x"}"#, 422), (#"{"model":"MiniMax-Hailuo-02","prompt":"x","callback_url":"ftp://x"}"#, 422),
        ])

    /// MiniMax's error bodies: a non-zero `base_resp.status_code` with its `status_msg`.
    static func miniMaxErrorMessage(_ answer: JSONValue?) -> String? {
        guard let base = answer?["base_resp"], let code = base["status_code"]?.intValue, code != 0 else { return nil }
        return base["status_msg"]?.stringValue
    }

    static let pika = TaskFamilyConformanceProfile(
        family: "pika", submitPath: "/pika/generate", createdStatus: 200,
        body: { prompt, callback in
            var fields: JSONObject = ["promptText": .string(prompt), "model": "2.2", "options": .object(["duration": 5, "resolution": "720p"])]
            if let callback { fields["webhookUrl"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { $0["id"]?.stringValue },
        fetchPath: { "/pika/feed/\($0)" },
        taskObject: { $0 },
        taskID: { $0["id"]?.stringValue },
        outcome: { feed in
            switch feed["videos"]?[0]?["status"]?.stringValue {
            case "finished": .succeeded
            case "error": .failed
            default: nil
            }
        },
        idProbes: { feed in [.init(kind: "video", method: .GET, path: "/pika/feed/\(feed["id"]?.stringValue ?? "")", body: nil)] },
        deletePath: nil,
        errorMessage: { $0?["error"]?["message"]?.stringValue },
        badBodies: [
            ("nope", 400), (#"{"model":"2.2"}"#, 422), (#"{"promptText":"x","model":"3.0"}"#, 422), (#"{"pikaffect":"Melt"}"#, 422),
            (#"{"pikaffect":"Wobble","image":"https://example.com/a.png"}"#, 422), (#"{"promptText":"x","options":{"duration":7}}"#, 422),
            (#"{"promptText":"x","webhookUrl":"ftp://x"}"#, 422),
        ])

}
