import Foundation
import Hummingbird

/// The midjourney-proxy API as an upstream serves it under `/mj`: submits answer HTTP 200 with the proxy's code,
/// tasks progress over the instance's timeline, finished images are real PNGs served under `/media/midjourney`.
///
/// Request counters are keyed like "POST /mj/submit/imagine" or "GET /mj/task/{id}/fetch".
struct MidjourneyEmulatorRoutes: Sendable {
    let endpoint: EmulatorFamilyEndpoint<MidjourneyVocabulary>
    let store: MidjourneyEmulatorStore

    private var runtime: EmulatorRuntime { endpoint.runtime }
    private var mediaBaseURL: String { endpoint.mediaBaseURL(MidjourneyCatalog.mediaFamily) }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(MidjourneyCatalog.basePath))
        submit(api, "submit/imagine") { call in
            let prompt = try prompt(call.body)
            _ = try dataURIs(call.body, "base64Array", count: 0...5)
            return try create(call, action: "IMAGINE", prompt: prompt, buttons: .grid)
        }
        submit(api, "submit/blend") { call in
            _ = try dataURIs(call.body, "base64Array", count: 2...5)
            guard try call.body.choice("dimensions", from: MidjourneyCatalog.dimensions) != nil else {
                throw MidjourneyRefusal.validation("dimensions: required, one of PORTRAIT, SQUARE, LANDSCAPE")
            }
            return try create(call, action: "BLEND", prompt: "", buttons: .grid)
        }
        submit(api, "submit/describe") { call in
            guard let image = try call.body.string("base64") else { throw MidjourneyRefusal.validation("base64: required") }
            try checkDataURI(image, field: "base64")
            let prompts = (1...4).map { "\(["1️⃣", "2️⃣", "3️⃣", "4️⃣"][$0 - 1]) a colour-bar test pattern, study \($0) --ar 1:1" }
            return try create(call, action: "DESCRIBE", prompt: "", buttons: .none, finalPrompt: prompts.joined(separator: "\n\n"))
        }
        submit(api, "submit/shorten") { call in
            let prompt = try prompt(call.body)
            let words = prompt.split(separator: " ")
            let shortened = (1...5).map { "\($0)️⃣ " + words.prefix(max(1, words.count - $0)).joined(separator: " ") }
            return try create(call, action: "SHORTEN", prompt: prompt, buttons: .none, finalPrompt: shortened.joined(separator: "\n\n"))
        }
        submit(api, "submit/video") { call in
            let prompt = try prompt(call.body)
            guard let image = try call.body.string("image") else { throw MidjourneyRefusal.validation("image: required") }
            try checkDataURI(image, field: "image")
            if let end = try call.body.string("endImage") { try checkDataURI(end, field: "endImage") }
            guard try call.body.choice("motion", from: ["low", "high"]) != nil else { throw MidjourneyRefusal.validation("motion: low or high") }
            return try create(call, action: "VIDEO", prompt: prompt, buttons: .none)
        }
        submit(api, "submit/edits") { call in
            let prompt = try prompt(call.body)
            guard let image = try call.body.string("image") else { throw MidjourneyRefusal.validation("image: required") }
            try checkDataURI(image, field: "image")
            if let mask = try call.body.string("maskBase64") { try checkDataURI(mask, field: "maskBase64") }
            return try create(call, action: "EDITS", prompt: prompt, buttons: .grid)
        }
        submit(api, "insight-face/swap") { call in
            for field in ["sourceBase64", "targetBase64"] {
                guard let image = try call.body.string(field) else { throw MidjourneyRefusal.validation("\(field): required") }
                try checkDataURI(image, field: field)
            }
            return try create(call, action: "SWAP_FACE", prompt: "", buttons: .none)
        }
        submit(api, "submit/upload-discord-images") { call in
            let images = try dataURIs(call.body, "base64Array", count: 1...5)
            let urls = images.map { _ in EmulatorJSON.string("\(mediaBaseURL)/\(EmulatorIdentifier.uuid()).png") }
            return envelope(code: 1, description: "Submit success", result: .array(urls))
        }
        submit(api, "submit/action") { call in try action(call) }
        submit(api, "submit/modal") { call in try modal(call) }
        api.get("task/{id}/fetch") { request, context in
            try await endpoint.respond("GET /mj/task/{id}/fetch", request, context) { call in
                runtime.clock.notePoll()
                // The proxy answers an unknown id with an empty 200.
                guard let task = store.task(context.parameters.get("id") ?? "", ownerKey: call.ownerKey) else {
                    return EmulatorResponse.raw("", status: .ok)
                }
                return EmulatorResponse.json(render(task))
            }
        }
        api.post("task/list-by-condition") { request, context in
            try await endpoint.respond("POST /mj/task/list-by-condition", request, context, readsBody: true) { call in
                let ids = try call.body.array("ids")?.compactMap(\.stringValue) ?? []
                return EmulatorResponse.json(.array(ids.compactMap { store.task($0, ownerKey: call.ownerKey) }.map(render)))
            }
        }
        api.get("task/{id}/image-seed") { request, context in
            try await endpoint.respond("GET /mj/task/{id}/image-seed", request, context) { call in
                let id = context.parameters.get("id") ?? ""
                guard let task = store.task(id, ownerKey: call.ownerKey) else { throw MidjourneyRefusal.taskNotFound(id) }
                guard task.succeeded(at: runtime.clock.now, stepSeconds: runtime.stepSeconds) else {
                    throw MidjourneyRefusal.validation("Task \(id) has no finished image")
                }
                return envelope(code: 1, description: "success", result: .string(String(task.seed)))
            }
        }
    }

    /// A submit route: faults from `[fault:<x>]` in the prompt, refusals in the envelope.
    private func submit(
        _ api: RouterGroup<EmulatorRequestContext>, _ path: String,
        _ work: @escaping @Sendable (EmulatorFamilyEndpoint<MidjourneyVocabulary>.Call) throws -> Response
    ) {
        let route = "POST \(MidjourneyCatalog.basePath)/\(path)"
        api.post(RouterPath(path)) { request, context in
            try await endpoint.respond(route, request, context, readsBody: true, faults: .requested(keywordFields: ["prompt"])) { call in
                try work(call)
            }
        }
    }

    /// Stores a new task and answers code 1 (or the outcome a prompt marker chose).
    private func create(
        _ call: EmulatorFamilyEndpoint<MidjourneyVocabulary>.Call, action: String, prompt: String, buttons: MidjourneyEmulatorTask.Buttons,
        finalPrompt: String? = nil, customID: String? = nil, modalNeeds: String? = nil
    ) throws -> Response {
        // `[mj:queue-full]` speaks for every account; `[mj:queue-full@<key>]` only for the account of that key.
        let marker = MidjourneyCatalog.Marker.allCases.first {
            prompt.contains($0.rawValue) || prompt.contains("\($0.rawValue.dropLast())@\(call.ownerKey)]")
        }
        switch marker {
        case .queueFull?:
            throw MidjourneyRefusal(
                code: 23, description: "Queue is full, please try again later",
                properties: [("discordInstanceId", .string(MidjourneyCatalog.instanceID))])
        case .noAccount?:
            throw MidjourneyRefusal(code: 3, description: "No available account instance")
        default: break
        }
        let botType = try call.body.choice("botType", from: MidjourneyCatalog.botTypes) ?? "MID_JOURNEY"
        let task = MidjourneyEmulatorTask(
            id: store.newID(), ownerKey: call.ownerKey, action: action, prompt: prompt, botType: botType, customID: customID,
            hash: EmulatorIdentifier.uuid(), buttons: buttons, timeline: modalNeeds == nil ? .starting(on: store.clock) : nil,
            outcome: EmulatorJobOutcome(fault: call.fault), finalPrompt: finalPrompt, modalNeeds: modalNeeds, seed: Int.random(in: 1...4_294_967_295))
        store.insert(task)
        if modalNeeds != nil {
            return envelope(
                code: 21, description: "Waiting for window confirm", result: .string(task.id),
                properties: [("status", .string("MODAL")), ("finalPrompt", .string(prompt)), ("remix", .bool(true))])
        }
        if marker == .queued {
            return envelope(
                code: 22, description: "In queue, there are 2 tasks ahead", result: .string(task.id),
                properties: [("numberOfQueues", .int(2)), ("discordInstanceId", .string(MidjourneyCatalog.instanceID))])
        }
        return envelope(
            code: 1, description: "Submit success", result: .string(task.id),
            properties: [("discordInstanceId", .string(MidjourneyCatalog.instanceID))])
    }

    /// `/mj/submit/action`: a button of a finished task of the caller's.
    private func action(_ call: EmulatorFamilyEndpoint<MidjourneyVocabulary>.Call) throws -> Response {
        guard let taskID = try call.body.string("taskId"), !taskID.isEmpty, let customID = try call.body.string("customId"), !customID.isEmpty else {
            throw MidjourneyRefusal.validation("taskId and customId are required")
        }
        guard let parent = store.task(taskID, ownerKey: call.ownerKey) else { throw MidjourneyRefusal.taskNotFound(taskID) }
        guard parent.succeeded(at: runtime.clock.now, stepSeconds: runtime.stepSeconds) else {
            throw MidjourneyRefusal.validation("Related task status error: \(taskID) has not succeeded")
        }
        guard parent.buttonObjects.contains(where: { $0.0 == customID }) else {
            throw MidjourneyRefusal.validation("customId is not a button of task \(taskID)")
        }
        let kind: (action: String, buttons: MidjourneyEmulatorTask.Buttons, modal: String?)
        switch customID {
        case let id where id.hasPrefix("MJ::JOB::upsample::"): kind = ("UPSCALE", .single, nil)
        case let id where id.hasPrefix("MJ::JOB::reroll::"): kind = ("REROLL", .grid, nil)
        case let id where id.hasPrefix("MJ::JOB::pan_"): kind = ("PAN", .grid, nil)
        case let id where id.hasPrefix("MJ::Outpaint::"): kind = ("ZOOM", .grid, nil)
        case let id where id.hasPrefix("MJ::CustomZoom::"): kind = ("CUSTOM_ZOOM", .grid, "prompt")
        case let id where id.hasPrefix("MJ::Inpaint::"): kind = ("INPAINT", .grid, "maskBase64")
        default: kind = ("VARIATION", .grid, nil)
        }
        return try create(call, action: kind.action, prompt: parent.prompt, buttons: kind.buttons, customID: customID, modalNeeds: kind.modal)
    }

    /// `/mj/submit/modal`: the prompt of a custom zoom or the mask of an inpaint; the same task then runs.
    private func modal(_ call: EmulatorFamilyEndpoint<MidjourneyVocabulary>.Call) throws -> Response {
        guard let taskID = try call.body.string("taskId"), !taskID.isEmpty else { throw MidjourneyRefusal.validation("taskId is required") }
        guard let task = store.task(taskID, ownerKey: call.ownerKey) else { throw MidjourneyRefusal.taskNotFound(taskID) }
        guard let needs = task.modalNeeds else { throw MidjourneyRefusal.validation("Task \(taskID) is not waiting for a modal") }
        let prompt = try call.body.string("prompt").flatMap { $0.isEmpty ? nil : $0 }
        if let prompt { try checkBanned(prompt) }
        if needs == "prompt", prompt == nil { throw MidjourneyRefusal.validation("prompt is required for a custom zoom") }
        if needs == "maskBase64" {
            guard let mask = try call.body.string("maskBase64") else { throw MidjourneyRefusal.validation("maskBase64 is required for an inpaint") }
            try checkDataURI(mask, field: "maskBase64")
        }
        store.insert(task.continued(prompt: prompt, on: store.clock))
        return envelope(code: 1, description: "Submit success", result: .string(task.id))
    }

    private func render(_ task: MidjourneyEmulatorTask) -> EmulatorJSON {
        task.json(at: runtime.clock.now, stepSeconds: runtime.stepSeconds, mediaBaseURL: mediaBaseURL)
    }

    private func envelope(code: Int, description: String, result: EmulatorJSON, properties: [(String, EmulatorJSON)] = []) -> Response {
        EmulatorResponse.json(
            .object([("code", .int(code)), ("description", .string(description)), ("result", result), ("properties", .object(properties))]))
    }

    /// The prompt, required, with the banned-word check (code 24 naming the word).
    private func prompt(_ body: EmulatorJSONFields) throws -> String {
        let prompt = (try body.string("prompt") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !prompt.isEmpty else { throw MidjourneyRefusal.validation("prompt must not be empty") }
        try checkBanned(prompt)
        return prompt
    }

    private func checkBanned(_ prompt: String) throws {
        let words = prompt.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        if let word = MidjourneyCatalog.bannedWords.first(where: words.contains) {
            throw MidjourneyRefusal(
                code: 24, description: "May contain sensitive words", properties: [("promptEn", .string(prompt)), ("bannedWord", .string(word))])
        }
    }

    private func dataURIs(_ body: EmulatorJSONFields, _ key: String, count: ClosedRange<Int>) throws -> [String] {
        let items = try body.array(key) ?? []
        guard count.contains(items.count) else { throw MidjourneyRefusal.validation("\(key): \(count.lowerBound) to \(count.upperBound) images") }
        return try items.map { item in
            guard let text = item.stringValue else { throw MidjourneyRefusal.validation("\(key): base64 format error") }
            try checkDataURI(text, field: key)
            return text
        }
    }

    private func checkDataURI(_ text: String, field: String) throws {
        guard text.hasPrefix("data:"), let comma = text.firstIndex(of: ","), text[..<comma].hasSuffix(";base64"),
            Data(base64Encoded: String(text[text.index(after: comma)...])) != nil
        else { throw MidjourneyRefusal.validation("\(field): base64 format error") }
    }
}
