/// The models, versions and deployments of the emulated Replicate account, with what each makes.
enum ReplicateCatalog {
    /// Folder of this family's outputs under `/media`.
    static let mediaFamily = "replicate"
    /// `error` of a prediction made to fail by the `fail` fault.
    static let emulatedFailure = "Prediction failed (emulated)"

    /// One model: its name, its versions (newest first), what an output is, and whether it is official (callable
    /// by its path without a version).
    struct Model: Sendable {
        let owner: String
        let name: String
        let description: String
        let versions: [String]
        /// The file extension of an output (`png`, `mp4`).
        let fileExtension: String
        /// True when the output is an array of files (images), false for one file (a video).
        let outputIsArray: Bool
        let official: Bool

        var fullName: String { "\(owner)/\(name)" }
    }

    static let models: [Model] = [
        Model(
            owner: "black-forest-labs", name: "flux-schnell", description: "The fastest image generation model tailored for local development",
            versions: ["c846a69991daf4c0e5d016514849d14ee5b2e6846ce6b9d6f21369e564cfe51e"], fileExtension: "png", outputIsArray: true,
            official: true),
        Model(
            owner: "stability-ai", name: "sdxl", description: "A text-to-image generative AI model that creates beautiful images",
            versions: ["7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"], fileExtension: "png", outputIsArray: true,
            official: false),
        Model(
            owner: "bytedance", name: "sdxl-lightning-4step", description: "SDXL-Lightning by ByteDance: a fast text-to-image model",
            versions: ["5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637"], fileExtension: "png", outputIsArray: true,
            official: false),
        Model(
            owner: "minimax", name: "video-01", description: "Generate 6s videos with prompts or images",
            versions: ["5aa835260ff7f40f4069c41185f72036accf99e29957bb4a3b3a911f3b6c1912"], fileExtension: "mp4", outputIsArray: false,
            official: true),
    ]

    /// Deployments of the account: `owner/name` → the model they run.
    static let deployments: [String: String] = ["acme/flux-prod": "black-forest-labs/flux-schnell"]

    static func model(_ fullName: String) -> Model? { models.first { $0.fullName == fullName } }

    /// The model a version id belongs to.
    static func model(ofVersion id: String) -> Model? { models.first { $0.versions.contains(id) } }

    /// A version's OpenAPI schema as Cog publishes it: the inputs the emulator reads and an array (or one) URI output.
    static func openAPISchema(of model: Model) -> EmulatorJSON {
        let uri: EmulatorJSON = .object([("type", .string("string")), ("format", .string("uri"))])
        let output: EmulatorJSON = model.outputIsArray ? .object([("type", .string("array")), ("items", uri)]) : uri
        let input: EmulatorJSON = .object([
            ("type", .string("object")),
            (
                "properties",
                .object([
                    ("prompt", .object([("type", .string("string"))])),
                    ("num_outputs", .object([("type", .string("integer")), ("minimum", .int(1)), ("maximum", .int(4)), ("default", .int(1))])),
                ])
            ),
        ])
        return .object([
            ("openapi", .string("3.0.2")),
            ("components", .object([("schemas", .object([("Input", input), ("Output", output)]))])),
        ])
    }
}
