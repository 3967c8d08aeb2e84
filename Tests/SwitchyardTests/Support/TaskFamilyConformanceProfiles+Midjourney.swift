@testable import Switchyard

extension TaskFamilyConformanceProfiles {
    /// Midjourney through the midjourney-proxy protocol: submits answer the proxy's envelope with the task id as
    /// `result`; a task's buttons, image seed and modal name the task too.
    static let midjourney = TaskFamilyConformanceProfile(
        family: "midjourney", submitPath: "/mj/submit/imagine", createdStatus: 200,
        body: { prompt, callback in
            var fields: JSONObject = ["prompt": .string(prompt)]
            if let callback { fields["notifyHook"] = .string(callback) }
            return JSONValue.object(fields).encoded()
        },
        submittedID: { $0["code"] == .int(1) ? $0["result"]?.stringValue : nil },
        fetchPath: { "/mj/task/\($0)/fetch" },
        taskObject: { $0["id"] != nil ? $0 : nil },
        taskID: { $0["id"]?.stringValue },
        outcome: { task in
            switch task["status"]?.stringValue {
            case "SUCCESS": .succeeded
            case "FAILURE": .failed
            default: nil
            }
        },
        idProbes: { task in
            let id = task["id"]?.stringValue ?? ""
            let button = task["buttons"]?[0]?["customId"]?.stringValue ?? ""
            return [
                .init(kind: "task", method: .GET, path: "/mj/task/\(id)/fetch", body: nil),
                .init(kind: "task (fast tier)", method: .GET, path: "/mj-fast/mj/task/\(id)/fetch", body: nil),
                .init(kind: "task (image seed)", method: .GET, path: "/mj/task/\(id)/image-seed", body: nil),
                .init(kind: "task (button)", method: .POST, path: "/mj/submit/action", body: #"{"taskId":"\#(id)","customId":"\#(button)"}"#),
                .init(kind: "task (modal)", method: .POST, path: "/mj/submit/modal", body: #"{"taskId":"\#(id)","prompt":"more"}"#),
            ]
        },
        deletePath: nil,
        errorMessage: { answer in
            guard let answer, answer["code"]?.intValue != nil, answer["result"] == .null else { return nil }
            return answer["description"]?.stringValue
        },
        badBodies: [
            ("nope", 400), (#"{"prompt":"   "}"#, 422), (#"{"prompt":"x","botType":"DALL_E"}"#, 422),
            (#"{"prompt":"x","notifyHook":"ftp://x"}"#, 422), (#"{"prompt":"x","base64Array":["not a data uri"]}"#, 422),
        ])
}
