@testable import Switchyard
import SwitchyardEmulator

/// The channels a test harness adds for its emulators, in the order tests know their ids by: first a Luma, a Suno, an
/// OpenAI and an Anthropic channel per emulator, then, family by family, one channel per emulator of every other
/// family (Midjourney: one per speed tier). The first emulator's channels have the highest priority.
enum HarnessChannels {
    /// One family's channel on one emulator.
    struct Row {
        let family: String
        /// The channel's name without its emulator index (`flux` → `flux-0`).
        let name: String
        let baseURL: @Sendable (EmulatorServer) -> String
        let key: @Sendable (_ index: Int) -> String
        let models: [String]
        var modelMapping: [String: String] = [:]
    }

    /// Added per emulator, all four before the next emulator's.
    static let firstRows: [Row] = [
        Row(
            family: "luma", name: "luma", baseURL: \.lumaBaseURL, key: { "upstream-key-\($0)" },
            models: ["ray-2", "ray-flash-2", "ray-1-6", "photon-1", "photon-flash-1"]),
        Row(family: "suno", name: "suno", baseURL: \.sunoBaseURL, key: { "suno-key-\($0)" }, models: SunoSettings().modelNames),
        Row(
            family: "openai", name: "openai", baseURL: \.openAIBaseURL, key: { "openai-key-\($0)" }, models: TestHarness.openAIModels,
            modelMapping: ["house-gpt": "gpt-4o-mini"]),
        Row(family: "anthropic", name: "anthropic", baseURL: \.anthropicBaseURL, key: { "anthropic-key-\($0)" }, models: TestHarness.anthropicModels),
    ]

    /// Added family by family after the first rows, so that those keep their ids: each group once per emulator.
    static let laterGroups: [[Row]] = [
        [Row(family: "udio", name: "udio", baseURL: \.udioBaseURL, key: { "udio-key-\($0)" }, models: UdioSettings().models)],
        [Row(family: "flux", name: "flux", baseURL: \.fluxBaseURL, key: { "flux-key-\($0)" }, models: FluxModel.names)],
        [Row(family: "recraft", name: "recraft", baseURL: \.recraftBaseURL, key: { "recraft-key-\($0)" }, models: RecraftSettings().models)],
        [
            Row(
                family: "ideogram", name: "ideogram", baseURL: \.ideogramBaseURL, key: { "ideogram-key-\($0)" },
                models: IdeogramSettings().channelModels)
        ],
        // One channel per Midjourney speed tier, so that each tier's channel group is its own.
        MidjourneySettings().tiers.map { tier in
            Row(family: "midjourney", name: tier, baseURL: \.midjourneyBaseURL, key: { "\(tier)-key-\($0)" }, models: [tier])
        },
        [
            Row(
                family: "kling", name: "kling", baseURL: \.klingBaseURL, key: { _ in "emulator-access-key:emulator-secret-key" },
                models: KlingSettings().allModels)
        ],
        [Row(family: "replicate", name: "replicate", baseURL: \.udioBaseURL, key: { "replicate-key-\($0)" }, models: TestHarness.replicateModels)],
        [Row(family: "runway", name: "runway", baseURL: \.runwayBaseURL, key: { "runway-key-\($0)" }, models: RunwayCatalog.models)],
        [Row(family: "minimax", name: "minimax", baseURL: \.miniMaxBaseURL, key: { "minimax-key-\($0)" }, models: MiniMaxModel.names)],
        [Row(family: "pika", name: "pika", baseURL: \.pikaBaseURL, key: { "pika-key-\($0)" }, models: PikaCatalog.models)],
    ]

    /// Every channel for `emulators`, in the order they are added.
    static func all(for emulators: [EmulatorServer]) -> [ChannelStore.NewChannel] {
        let first = emulators.enumerated().flatMap { index, emulator in firstRows.map { $0.channel(on: emulator, index: index) } }
        let later = laterGroups.flatMap { group in
            emulators.enumerated().flatMap { index, emulator in group.map { $0.channel(on: emulator, index: index) } }
        }
        return first + later
    }
}

extension HarnessChannels.Row {
    func channel(on emulator: EmulatorServer, index: Int) -> ChannelStore.NewChannel {
        ChannelStore.NewChannel(
            name: "\(name)-\(index)", family: family, baseURL: baseURL(emulator), credential: .init(key: key(index)), models: models,
            priority: 100 - index, modelMapping: modelMapping)
    }
}
