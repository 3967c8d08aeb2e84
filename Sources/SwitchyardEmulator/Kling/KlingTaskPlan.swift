/// What a validated Kling create call makes: its kind (the create path), its outputs and what the answer echoes.
struct KlingTaskPlan: Sendable {
    /// The create path under `/v1/`, e.g. "videos/text2video"; tasks are read and listed under the same path.
    let path: String
    /// `model_name` (or the source video's model).
    let model: String
    /// Seconds of each output video; nil for image tasks.
    let videoSeconds: Double?
    /// How many images an image task makes (1 for a try-on); 0 for video tasks.
    let imageCount: Int
    /// The caller's `external_task_id`, echoed in `task_info`.
    let externalTaskID: String?
    /// The video a video-extend continues, echoed as `task_info.parent_video`.
    let parentVideoID: String?
}
