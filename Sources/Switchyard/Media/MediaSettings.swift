/// How results are copied into the gateway's own media store and how long copies are served.
public struct MediaSettings: Sendable, Equatable {
    /// Copy task results at all; when false, answers carry the upstreams' own links.
    public var enabled = true
    /// Where copies are kept; `<data directory>/media` when nil.
    public var directory: String?
    /// A result file larger than this is not copied (its upstream link is kept).
    public var maxBytes: Int64 = 1 << 30
    /// How long a copy is served after it was made.
    public var lifetimeMillis: Int64 = 30 * 24 * 60 * 60 * 1_000
    /// How long one file's copy may take, from connecting to its last byte.
    public var copyTimeoutMillis: Int64 = 5 * 60 * 1_000
    /// Files of one result copied at once.
    public var maxConcurrentCopies = 4
    /// Polls of a finished task on which a failed copy is tried (the task stays live in between); after the last,
    /// the task finishes with the upstream's link for that file.
    public var copyAttempts = 3
    /// Allow copying from private, loopback and link-local addresses (tests, `--demo`, trusted networks only).
    public var allowPrivateSources = false
    /// How often expired copies are deleted.
    public var sweepIntervalMillis: Int64 = 60 * 60 * 1_000
    /// Keep copies in an S3-compatible bucket instead of the directory (which then only stages downloads).
    public var s3: S3?

    /// An S3-compatible bucket (`media.s3.*`).
    public struct S3: Sendable, Equatable {
        /// The store's address, such as `https://s3.eu-west-1.amazonaws.com` or `http://minio:9000`.
        public var endpoint: String
        public var bucket: String
        public var region: String
        public var accessKeyID: String
        public var secretAccessKey: String
        /// Prepended to every object key.
        public var keyPrefix = "media/"

        public init(endpoint: String, bucket: String, region: String, accessKeyID: String, secretAccessKey: String) {
            self.endpoint = endpoint
            self.bucket = bucket
            self.region = region
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
        }
    }

    public init() {}

    /// The directory of copies for a gateway whose data lives in `dataDirectory`.
    func resolvedDirectory(dataDirectory: String) -> String {
        directory ?? (dataDirectory.hasSuffix("/") ? dataDirectory + "media" : dataDirectory + "/media")
    }
}
