import NIOHTTP1
import Testing

@testable import Switchyard

/// What the gateway reads from the Midjourney module: its paths (with every speed prefix), dialect, upstream key
/// header, probe and settings.
@Suite struct MidjourneyModuleTests {
    @Test func everySpeedPrefixIsMidjourneysInMetricsAndErrors() {
        for path in ["/mj/submit/imagine", "/mj-fast/mj/task/1/fetch", "/mj-relax/mj/submit/action", "/mj-turbo/mj/task/list-by-condition"] {
            #expect(FamilyModules.metricsLabel(forPath: path) == "midjourney", "\(path)")
            #expect(FamilyModules.dialects.dialect(forPath: path, headers: [:]) is MidjourneyErrorDialect, "\(path)")
        }
        #expect(FamilyModules.metricsLabel(forPath: "/mjx/submit") == "other")
    }

    @Test func channelsSendTheirKeyAsMjApiSecretAndAreProbedWithAnUnknownTask() throws {
        var headers = HTTPHeaders()
        try FamilyModules.authorizer(for: "midjourney").authorize(&headers, with: UpstreamCredential(key: "proxy-secret"))
        #expect(headers["mj-api-secret"] == ["proxy-secret"])
        #expect(headers["Authorization"].isEmpty)
        #expect(ChannelProbe.probe(for: "midjourney")?.0.path == "/mj/task/0/fetch")
    }

    @Test func theDefaultTierAndBannedWordsAreSettings() {
        #expect(MidjourneyModule().settingKeys == ["midjourney.default_tier", "midjourney.banned_words"])
        let configured = MidjourneySettings(FamilySettings(["midjourney.default_tier": "mj-relax", "midjourney.banned_words": " Gore, ,nsfw "]))
        #expect(configured.defaultTier == "mj-relax" && configured.bannedWords == ["gore", "nsfw"])
        #expect(MidjourneySettings(FamilySettings(["midjourney.default_tier": "mj-slow"])).defaultTier == "mj-fast")
    }
}
