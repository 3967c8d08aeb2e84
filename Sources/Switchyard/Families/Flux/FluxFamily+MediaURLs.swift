extension FluxFamily {
    /// The one file of a get_result answer: `result.sample`. Whatever else BFL adds (a polling URL, a preview
    /// page) is not copied into the media store.
    public func mediaURLs(in result: JSONValue) -> [String] {
        (result["result"]?["sample"]).map { $0.httpURLs() } ?? []
    }
}
