import Foundation

extension EmulatorJob where Plan == KlingTaskPlan {
    /// The task object at `now`: `submitted` while waiting, `processing` while working, then `succeed` with its
    /// videos or images, or `failed` with the reason.
    func json(at now: EmulatorInstant, stepSeconds: Double, mediaBaseURL: String) -> EmulatorJSON {
        let phase = timeline.phase(at: now, stepSeconds: stepSeconds)
        let status: String
        switch phase {
        case .waiting: status = "submitted"
        case .working: status = "processing"
        case .finished: status = outcome.jobFails ? "failed" : "succeed"
        }
        let created = Int(timeline.submittedAt.timeIntervalSince1970 * 1000)
        let updated: Int
        switch phase {
        case .waiting: updated = created
        case .working: updated = (timeline.startTime(in: phase, stepSeconds: stepSeconds) ?? 0) * 1000
        case .finished: updated = (timeline.finishTime(in: phase, stepSeconds: stepSeconds) ?? 0) * 1000
        }
        var info: [(String, EmulatorJSON)] = []
        if let external = plan.externalTaskID { info.append(("external_task_id", .string(external))) }
        if let parent = plan.parentVideoID { info.append(("parent_video", .object([("id", .string(parent))]))) }
        var members: [(String, EmulatorJSON)] = [
            ("task_id", .string(id)), ("task_status", .string(status)),
            ("task_status_msg", .string(status == "failed" ? KlingCatalog.failureMessage : "")), ("task_info", .object(info)),
            ("created_at", .int(created)), ("updated_at", .int(max(updated, created))),
        ]
        if status == "succeed" { members.append(("task_result", result(mediaBaseURL: mediaBaseURL))) }
        return .object(members)
    }

    /// `{"videos":[{"id","url","duration"}]}` or `{"images":[{"index","url"}]}`.
    private func result(mediaBaseURL: String) -> EmulatorJSON {
        if let seconds = plan.videoSeconds {
            let duration = seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
            return .object([
                (
                    "videos",
                    .array(
                        outputIDs.map { video in
                            .object([("id", .string(video)), ("url", .string("\(mediaBaseURL)/\(video).mp4")), ("duration", .string(duration))])
                        })
                )
            ])
        }
        let fileExtension = plan.path.hasSuffix("kolors-virtual-try-on") ? "jpg" : "png"
        return .object([
            (
                "images",
                .array(
                    (0..<plan.imageCount).map { index in
                        .object([("index", .int(index)), ("url", .string("\(mediaBaseURL)/\(id)-\(index).\(fileExtension)"))])
                    })
            )
        ])
    }
}
