import Foundation

/// One of the embedded media files, chosen by the name an asset URL ends with.
///
/// Every generation of a family shares the same few files: the name's id part only has to look like an id,
/// which keeps asset URLs unique per generation without storing any bytes per generation.
struct EmulatorMediaFile: Sendable {
    /// The file's bytes.
    let bytes: Data
    /// Its `Content-Type`.
    let contentType: String

    /// The file served for `name`, e.g. "<id>.mp4", "<id>_progress.mp4", "<id>.jpg", "<id>.png", "<id>.webp",
    /// "<id>.svg", "<id>.mp3" or "<id>.wav"; nil when the name is not of that form.
    init?(named name: String) {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let stem = name[..<dot]
        let fileExtension = name[name.index(after: dot)...].lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        guard !stem.isEmpty, stem.count <= 128, stem.allSatisfy(allowed.contains) else { return nil }

        switch fileExtension {
        case "mp4":
            bytes = stem.hasSuffix("_progress") ? EmbeddedMedia.progressVideoMP4 : EmbeddedMedia.videoMP4
            contentType = "video/mp4"
        case "jpg", "jpeg":
            bytes = EmbeddedMedia.imageJPEG
            contentType = "image/jpeg"
        case "png":
            // "<id>_cutout.png" is an image whose background was removed (transparent around the subject).
            bytes = stem.hasSuffix("_cutout") ? EmbeddedMedia.cutoutPNG : EmbeddedMedia.imagePNG
            contentType = "image/png"
        case "webp":
            bytes = EmbeddedMedia.imageWebP
            contentType = "image/webp"
        case "svg":
            bytes = EmbeddedMedia.imageSVG
            contentType = "image/svg+xml"
        case "mp3":
            // "<id>_partial.mp3" (a clip still streaming) is the same tone as the finished "<id>.mp3".
            bytes = EmbeddedMedia.audioMP3
            contentType = "audio/mpeg"
        case "wav":
            bytes = EmbeddedMedia.audioWAV
            contentType = "audio/wav"
        default:
            return nil
        }
    }
}
