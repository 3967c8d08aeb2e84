extension MidjourneyFamily {
    /// The files of a task object: its image and video (single or listed). The prompt fields, which may hold the
    /// customer's image-prompt links as the proxy rewrote them, and the buttons are no files. An upload's `urls` are
    /// not copied either: they exist to be put in prompts, which the upstream itself must fetch, so they stay its own.
    public func mediaURLs(in result: JSONValue) -> [String] {
        var files: [String] = []
        for key in ["imageUrl", "imageUrls", "videoUrl", "videoUrls"] {
            for url in result[key]?.httpURLs() ?? [] where !files.contains(url) { files.append(url) }
        }
        return files
    }
}
