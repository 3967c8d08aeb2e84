import HTTPTypes
import NIOHTTP1
import Testing

@testable import Switchyard

/// The module list is where every family is declared once: what each part of the gateway reads from it.
@Suite struct FamilyModulesTests {
    @Test func eachPathCountsUnderItsFamilysMetricsLabel() {
        let expected = [
            "/dream-machine/v1/generations": "luma", "/suno/submit/music": "suno", "/udio/query": "udio", "/runwayml/v1/tasks/x": "runway",
            "/v1/messages": "anthropic",
            "/v1/messages/count_tokens": "anthropic", "/v1/chat/completions": "openai", "/v1/models": "openai",
            "/v1/dashboard/billing/usage": "system", "/dashboard/billing/subscription": "system", "/api/status": "system",
            "/health": "other", "/metrics": "other",
        ]
        for (path, label) in expected {
            #expect(FamilyModules.metricsLabel(forPath: path) == label, "\(path)")
        }
    }

    @Test func errorsAreRenderedInTheDialectOfThePathsFamily() {
        let dialects = FamilyModules.dialects
        let expected: [(String, any ErrorDialect.Type)] = [
            ("/dream-machine/v1/generations", LumaErrorDialect.self), ("/suno/fetch/x", SunoErrorDialect.self),
            ("/udio/fetch/x", UdioErrorDialect.self), ("/replicate/v1/predictions", ReplicateErrorDialect.self),
            ("/udio/fetch/x", UdioErrorDialect.self), ("/runwayml/v1/organization", RunwayErrorDialect.self),
            ("/v1/messages", AnthropicErrorDialect.self), ("/v1/chat/completions", OpenAIErrorDialect.self),
            ("/v1/dashboard/billing/usage", OpenAIErrorDialect.self), ("/dashboard/billing/usage", OpenAIErrorDialect.self),
            ("/api/token", SystemErrorDialect.self), ("/elsewhere", DefaultErrorDialect.self),
        ]
        for (path, dialect) in expected {
            #expect(type(of: dialects.dialect(forPath: path, headers: [:])) == dialect, "\(path)")
        }
        // Anthropic's SDK lists models on OpenAI's path; its version header asks for Anthropic's error shape.
        let marked = dialects.dialect(forPath: "/v1/models", headers: [HTTPField.Name("anthropic-version")!: "2023-06-01"])
        #expect(marked is AnthropicErrorDialect)
        #expect(dialects.dialect(forPath: "/api/token", headers: [HTTPField.Name("anthropic-version")!: "2023-06-01"]) is SystemErrorDialect)
    }

    @Test func channelsAuthenticateAsTheirFamilyExpects() throws {
        let credential = UpstreamCredential(key: "sk-upstream")
        var anthropic = HTTPHeaders()
        try FamilyModules.authorizer(for: "anthropic").authorize(&anthropic, with: credential)
        #expect(anthropic["x-api-key"] == ["sk-upstream"])
        #expect(anthropic["Authorization"].isEmpty)
        var flux = HTTPHeaders()
        try FamilyModules.authorizer(for: "flux").authorize(&flux, with: credential)
        #expect(flux["x-key"] == ["sk-upstream"])
        #expect(flux["Authorization"].isEmpty)
        for family in ["openai", "luma", "suno", "udio", "runway", "not-a-family"] {
            var headers = HTTPHeaders()
            try FamilyModules.authorizer(for: family).authorize(&headers, with: credential)
            #expect(headers["Authorization"] == ["Bearer sk-upstream"], "\(family)")
        }
    }

    @Test func probesAskEachFamilyItsCheapQuestion() {
        #expect(ChannelProbe.probe(for: "openai")?.0.path == "/models")
        #expect(ChannelProbe.probe(for: "anthropic")?.0.path == "/v1/models")
        #expect(ChannelProbe.probe(for: "anthropic")?.1 is AnthropicAuthorizer)
        #expect(ChannelProbe.probe(for: "luma")?.0.path == "/ping")
        #expect(ChannelProbe.probe(for: "suno")?.0.path.hasPrefix("/suno/feed/") == true)
        #expect(ChannelProbe.probe(for: "udio")?.0.path.hasPrefix("/udio/query?ids=") == true)
        #expect(ChannelProbe.probe(for: "flux")?.0.path == "/v1/credits")
        #expect(ChannelProbe.probe(for: "flux")?.1 is FluxAuthorizer)
        #expect(ChannelProbe.probe(for: "recraft")?.0.path == "/users/me")
        #expect(ChannelProbe.probe(for: "kling")?.1 is KlingAuthorizer)
        #expect(ChannelProbe.probe(for: "replicate")?.0.path == "/v1/predictions")
        #expect(ChannelProbe.probe(for: "runway")?.0.path == "/v1/organization")
        #expect(ChannelProbe.probe(for: "runway")?.0.headers["X-Runway-Version"] == ["2024-11-06"])
        #expect(ChannelProbe.probe(for: "system") == nil)
    }

    @Test func theListDeclaresEachFamilyOnceWithItsPricesAndTaskCodec() {
        let names = FamilyModules.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(
            FamilyModules.channelFamilies == [
                "openai", "anthropic", "luma", "suno", "udio", "flux", "recraft", "ideogram", "midjourney", "kling", "replicate", "runway",
                "minimax", "pika",
            ])
        for module in FamilyModules.all where module.hasChannels {
            #expect(module.defaultPrices.contains { $0.family == module.name }, "\(module.name)")
            #expect(module.defaultPrices.allSatisfy { $0.family == module.name }, "\(module.name)")
            #expect(module.demo?.models.isEmpty == false, "\(module.name)")
        }
        let tasks = FamilyModules.taskFamilies(settings: FamilySettings())
        #expect(tasks.family(named: "luma") != nil)
        #expect(tasks.family(named: "suno") != nil)
        #expect(tasks.family(named: "udio") != nil)
        #expect(tasks.family(named: "flux") != nil)
        #expect(tasks.family(named: "runway") != nil)
        #expect(tasks.family(named: "openai") == nil)
        #expect(DefaultPrices.table.rules.count == FamilyModules.defaultPrices.count)
        #expect(FamilyModules.priceImportProviders == ["openai": "openai", "text-completion-openai": "openai", "anthropic": "anthropic"])
    }

    @Test func aFamilysOwnConfigurationKeysReachItsModule() async throws {
        let config = try await GatewayConfig.load(
            file: nil, environment: ["SWITCHYARD_LUMA_DEFAULT_VIDEO_MODEL": "ray-flash-2", "SWITCHYARD_LUMA_UNKNOWN": "x"])
        #expect(config.families["luma.default_video_model"] == "ray-flash-2")
        #expect(config.families["luma.unknown"] == nil)
        let luma = LumaSettings(config.families)
        #expect(luma.defaultVideoModel == "ray-flash-2")
        #expect(luma.defaultImageModel == LumaSettings().defaultImageModel)
    }
}
