import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import SQLKit
import ServiceLifecycle
import Synchronization
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// The security review, item by item, each checked from the outside as an attacker or a customer would see it:
/// no route lets a customer choose an upstream; callbacks never reach private targets and never follow redirects;
/// SQL input is only data; keys are redacted whole; bodies have limits; tenants are isolated.
@Suite struct SecurityReviewTests {
    static func chat(_ text: String, model: String = "gpt-4o-mini", extra: String = "") -> String {
        #"{"model":"\#(model)","messages":[{"role":"user","content":"\#(text)"}]\#(extra)}"#
    }

    static func messages(_ text: String, extra: String = "") -> String {
        #"{"model":"claude-3-5-haiku-latest","max_tokens":64,"messages":[{"role":"user","content":"\#(text)"}]\#(extra)}"#
    }

    static func anthropicHeaders(_ key: String) -> [(String, String)] { [("x-api-key", key), ("anthropic-version", "2023-06-01")] }

    /// Every character but letters and digits percent-encoded, so that `/`, `'`, `"` and `;` reach the router as data.
    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    static func taskCount(_ harness: TestHarness, tokenID: String) async throws -> Int {
        try await harness.database.read.raw("SELECT COUNT(*) AS n FROM tasks WHERE token_id = \(bind: tokenID)").first()?
            .decode(column: "n", as: Int.self) ?? -1
    }

    static func usageCount(_ harness: TestHarness, tokenID: String) async throws -> Int {
        try await harness.database.read.raw("SELECT COUNT(*) AS n FROM usage_logs WHERE token_id = \(bind: tokenID)").first()?
            .decode(column: "n", as: Int.self) ?? -1
    }

    static func tables(_ harness: TestHarness) async throws -> [String] {
        try await harness.database.read.raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }

    static func items(_ answer: TestHarness.Answer) -> [JSONValue]? {
        if case .array(let items)? = answer.json?["data"]?["items"] { return items }
        return nil
    }

    /// Stops the harness's gateway and starts another on the same store and channels that logs everything, at
    /// `.trace`, into `sink`; `harness.call` and `harness.shutdown` then use the new one.
    static func restartCapturingLogs(_ harness: TestHarness, into sink: LogSink) async throws {
        await harness.stopGateway()
        let gateway = try await GatewayServer.start(config: harness.config, logger: sink.logger())
        harness.gateway.withLock { $0 = gateway }
    }

    // MARK: 1. No route lets a customer choose an upstream URL or host

    static let trickIDs = [
        "..%2F..%2Fadmin", "..%2F..%2F..%2Fapi%2Ftoken", "%2E%2E%2F%2E%2E%2Fcredits", "%2F%2Fevil.example%2Fx", "x@evil.example",
        "x%40evil.example", "http%3A%2F%2Fevil.example%2F", "a%2Fb", "%00", "..",
    ]

    @Test func noHeaderOrBodyFieldOrIdChoosesTheUpstream() async throws {
        let probe = try await ProbeListener.start()
        try await TestHarness.run { harness in
            let channelCount = try await ChannelStore(database: harness.database).list().count
            let key = try await harness.customerKey()
            let base = harness.baseURL
            let elsewhere = probe.address
            // Everything a proxy-aware server might read a target from, pointing at the probe or at a foreign host.
            let headerSets: [[(String, String)]] = [
                [
                    ("Host", elsewhere), ("X-Forwarded-Host", elsewhere), ("X-Forwarded-Proto", "http"), ("X-Forwarded-Port", "\(probe.port)"),
                    ("Forwarded", "for=1.2.3.4;host=\(elsewhere);proto=http"), ("X-Original-URL", probe.url), ("X-Rewrite-URL", probe.url),
                    ("X-Forwarded-Server", elsewhere), ("X-Upstream-URL", probe.url), ("X-Base-URL", probe.url),
                ],
                [("Host", "evil.example"), ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Port", "443")],
            ]
            let fields =
                ["base_url", "api_base", "upstream", "url", "baseURL", "endpoint", "upstream_url", "api_url"]
                .map { #","\#($0)":"\#(probe.url)""# }.joined() + #","host":"\#(elsewhere)""#
            for headers in headerSets {
                let chat = try await harness.call(
                    .POST, base + "/v1/chat/completions", key: key, body: Self.chat("hi", extra: fields), headers: headers)
                #expect(chat.status == 200, "\(chat.body)")
                #expect(chat.json?["object"] == "chat.completion")
                let messages = try await harness.call(
                    .POST, base + "/v1/messages", key: nil, body: Self.messages("hi", extra: fields), headers: headers + Self.anthropicHeaders(key))
                #expect(messages.status == 200, "\(messages.body)")
                #expect(messages.json?["type"] == "message")
                let luma = try await harness.call(.POST, "/generations", key: key, body: #"{"prompt":"steer"\#(fields)}"#, headers: headers)
                #expect(luma.status == 201, "\(luma.body)")
                #expect(luma.json?["request"]?["base_url"] == nil)
                let suno = try await harness.call(
                    .POST, base + "/suno/submit/music", key: key, body: #"{"prompt":"steer","mv":"chirp-v4"\#(fields)}"#, headers: headers)
                #expect(suno.status == 200, "\(suno.body)")
                #expect(suno.json?["code"] == "success")
            }
            // Each call went to the configured channel, once, and the probe never heard of any of them.
            let emulator = harness.emulators[0]
            #expect(emulator.requestCount("POST /v1/chat/completions") == 2)
            #expect(emulator.requestCount("POST /v1/messages") == 2)
            #expect(emulator.requestCount("POST /generations/video") == 2)
            #expect(emulator.requestCount("POST /suno/submit/music") == 2)
            // A customer cannot add a channel either.
            let channel = try await harness.call(
                .POST, base + "/api/channel", key: key, body: #"{"family":"openai","base_url":"\#(probe.url)","key":"k","models":"gpt-4o-mini"}"#)
            #expect(channel.status == 403)
            #expect(try await ChannelStore(database: harness.database).list().count == channelCount)

            // Ids that look like paths, hosts or URLs are only ids: not found, in each family's own shape.
            for id in Self.trickIDs + ["x@\(elsewhere)", "%2F%2F\(elsewhere)%2F"] {
                for (method, path, body) in [
                    (HTTPMethod.GET, "/generations/\(id)", nil), (.DELETE, "/generations/\(id)", nil), (.POST, "/generations/\(id)/upscale", "{}"),
                    (.POST, "/generations/\(id)/audio", #"{"prompt":"x"}"#),
                ] as [(HTTPMethod, String, String?)] {
                    let answer = try await harness.call(method, path, key: key, body: body)
                    #expect(answer.status == 404, "\(method) \(path): \(answer.status) \(answer.body)")
                    #expect(answer.json?["detail"]?.stringValue?.isEmpty == false, "\(method) \(path): \(answer.body)")
                }
                for path in ["/suno/fetch/\(id)", "/suno/act/stems/\(id)", "/suno/feed/\(id)"] {
                    let answer = try await harness.call(.GET, base + path, key: key)
                    #expect(answer.status == 404 || (path.hasPrefix("/suno/feed") && answer.json?["data"] == .array([])), "\(path): \(answer.body)")
                    #expect(answer.json?["code"] != nil, "\(path): \(answer.body)")
                }
            }
            #expect(emulator.requestCount("POST /generations/{id}/upscale") == 0)
            #expect(emulator.requestCount("POST /generations/{id}/audio") == 0)
            #expect(emulator.requestCount("DELETE /generations/{id}") == 0)
            #expect(probe.hits.isEmpty, "\(probe.hits)")
        }
        await probe.stop()
    }

    // MARK: 2. Callbacks: private targets refused, redirects not followed

    @Test func privateCallbackTargetsAreRefusedBeforeAnythingIsHeld() async throws {
        let probe = try await ProbeListener.start()
        try await TestHarness.run(configure: { $0.callbacks.allowPrivateTargets = false }) { harness in
            let key = try await harness.customerKey()
            let port = probe.port
            let targets = [
                "http://127.0.0.1:\(port)/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:\(port)/hook",
                "http://[::1]:\(port)/hook", "http://[::ffff:127.0.0.1]:\(port)/hook", "http://[::ffff:169.254.169.254]/latest",
                "http://[::ffff:a00:1]/hook", "http://[::]:\(port)/hook", "http://172.16.0.1/", "http://192.168.1.1/", "http://[fe80::1]/",
                "http://[fd00::1]/", "https://127.0.0.1:\(port)/hook", "http://user:pass@127.0.0.1:\(port)/hook",
            ]
            for target in targets {
                // Luma answers a schema error with 422 (FastAPI's status), never a 2xx.
                let luma = try await harness.call(.POST, "/generations", key: key, body: #"{"prompt":"x","callback_url":"\#(target)"}"#)
                #expect(luma.status == 422, "\(target): \(luma.status) \(luma.body)")
                #expect(luma.json?["detail"]?.stringValue?.contains("callback_url") == true, "\(target): \(luma.body)")
                let suno = try await harness.call(
                    .POST, harness.baseURL + "/suno/submit/music", key: key, body: #"{"prompt":"x","mv":"chirp-v4","notify_hook":"\#(target)"}"#)
                #expect(suno.status == 422, "\(target): \(suno.status) \(suno.body)")
                #expect(suno.json?["code"] == "validation_failed", "\(target): \(suno.body)")
            }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            #expect(try await Self.taskCount(harness, tokenID: token.id) == 0)
            #expect(harness.emulators[0].requestCount("POST /generations/video") == 0)
            #expect(harness.emulators[0].requestCount("POST /suno/submit/music") == 0)
        }
        #expect(probe.hits.isEmpty)
        await probe.stop()
    }

    /// Names and numeric spellings are not IP literals, so the form check lets them by; the delivery checks what
    /// they resolve to and refuses them then, without a single request to the address.
    @Test func callbackNamesThatResolveToLoopbackAreNeverCalled() async throws {
        let probe = try await ProbeListener.start()
        try await TestHarness.run(configure: { $0.callbacks.allowPrivateTargets = false }) { harness in
            let key = try await harness.customerKey()
            let port = probe.port
            var ids: [String] = []
            for target in [
                "http://localhost:\(port)/hook", "http://127.1:\(port)/hook", "http://2130706433:\(port)/hook", "http://0x7f000001:\(port)/hook",
                "http://0177.0.0.1:\(port)/hook",
            ] {
                let created = try await harness.call(.POST, "/generations", key: key, body: #"{"prompt":"x","callback_url":"\#(target)"}"#)
                // Accepted by design (LumaTaskEngineTests.aPrivateCallbackTargetIsRefusedWhenNotAllowed): no DNS at request time.
                #expect(created.status == 201, "\(target): \(created.body)")
                ids.append(try #require(created.json?["id"]?.stringValue))
            }
            for id in ids {
                #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
                try await waitUntil {
                    let rows = try await CallbackOutbox.rows(database: harness.database, taskID: id)
                    return rows.count == 2 && rows.allSatisfy { $0.state == "refused" }
                }
                let rows = try await CallbackOutbox.rows(database: harness.database, taskID: id)
                #expect(rows.allSatisfy { $0.attempts == 1 && $0.lastError?.contains("resolves to a private") == true }, "\(rows)")
            }
        }
        #expect(probe.hits.isEmpty, "\(probe.hits)")
        await probe.stop()
    }

    @Test func callbackRedirectsAreNeverFollowed() async throws {
        let destination = try await ProbeListener.start()
        var redirectors: [ProbeListener] = []
        for status in [HTTPResponse.Status.movedPermanently, .found, .seeOther, .temporaryRedirect, .permanentRedirect] {
            redirectors.append(try await ProbeListener.start(status: status, location: destination.url))
        }
        // Private targets are allowed here (the harness's default), so only the redirect rule can stop the second hop.
        // Two attempts each: a task's second event waits until its first is given up.
        try await TestHarness.run(configure: { $0.callbacks.maxAttempts = 2 }) { harness in
            let key = try await harness.customerKey()
            var ids: [String] = []
            for redirector in redirectors {
                let created = try await harness.call(.POST, "/generations", key: key, body: #"{"prompt":"x","callback_url":"\#(redirector.url)"}"#)
                ids.append(try #require(created.json?["id"]?.stringValue, "\(created.body)"))
            }
            for (id, redirector) in zip(ids, redirectors) {
                try await waitUntil {
                    let rows = try await CallbackOutbox.rows(database: harness.database, taskID: id)
                    return redirector.hits.count >= 2 && rows.count == 2 && rows.allSatisfy { $0.attempts >= 1 }
                }
                // A redirect is an unsuccessful delivery, retried at the same URL, never at the Location.
                let rows = try await CallbackOutbox.rows(database: harness.database, taskID: id)
                #expect(rows.allSatisfy { $0.state != "delivered" && $0.lastError?.hasPrefix("HTTP 30") == true }, "\(rows)")
            }
            // Nothing reaches the destination while the outbox keeps running.
            try await expectSteady(for: .milliseconds(200)) { destination.hits.isEmpty }
        }
        #expect(destination.hits.isEmpty, "\(destination.hits)")
        for redirector in redirectors { await redirector.stop() }
        await destination.stop()
    }

    // MARK: 3. All SQL is parameterised

    static let injections = [
        "' OR '1'='1", #""; DROP TABLE tokens; --"#, "'; DROP TABLE tasks; --", "1 OR 1=1", "x') OR ('1'='1' --",
        "' UNION SELECT key_hash, id, name, 1, 1, 1, 1, 1, 1, 1, 1 FROM tokens --", "%", "\\", "' OR token_id IS NOT NULL --",
    ]

    @Test func injectionStringsAreOnlyData() async throws {
        try await TestHarness.run { harness in
            let victim = try await harness.customerKey()
            let attacker = try await harness.customerKey()
            let base = harness.baseURL
            let lumaID = try #require(
                try await harness.call(.POST, "/generations", key: victim, body: #"{"prompt":"mine"}"#).json?["id"]?.stringValue)
            let sunoID = try #require(
                try await harness.suno(.POST, "/suno/submit/music", key: victim, body: #"{"prompt":"mine","mv":"chirp-v4"}"#).stringValue)
            #expect(try await harness.call(.POST, base + "/v1/chat/completions", key: victim, body: Self.chat("mine")).status == 200)
            let victimToken = try await harness.token(forKey: victim)
            _ = try await harness.usageRows(tokenID: victimToken.id, count: 1)
            let tablesBefore = try await Self.tables(harness)
            #expect(tablesBefore.contains("tokens") && tablesBefore.contains("tasks") && tablesBefore.contains("usage_logs"))

            for injection in Self.injections {
                let query = Self.encoded(injection)
                let logs = try await harness.call(.GET, base + "/api/log/self?model=\(query)", key: attacker)
                #expect(logs.status == 200 && Self.items(logs)?.isEmpty == true, "model=\(injection): \(logs.body)")
                let tasks = try await harness.call(.GET, base + "/api/task/self?family=\(query)", key: attacker)
                #expect(tasks.status == 200 && Self.items(tasks)?.isEmpty == true, "family=\(injection): \(tasks.body)")
                for path in ["/api/task/self?state=\(query)", "/api/log/self?page_size=\(query)"] {
                    let refused = try await harness.call(.GET, base + path, key: attacker)
                    #expect(refused.status == 422 && refused.json?["success"] == false, "\(path): \(refused.status) \(refused.body)")
                }
                let list = try await harness.call(.GET, "/generations?limit=\(query)", key: attacker)
                #expect(list.status == 422, "limit=\(injection): \(list.body)")
                for id in [injection, lumaID + injection, sunoID + injection] {
                    let segment = Self.encoded(id)
                    for method in [HTTPMethod.GET, .DELETE] {
                        let luma = try await harness.call(method, "/generations/\(segment)", key: attacker)
                        #expect(luma.status == 404 && luma.json?["detail"] != nil, "\(method) \(id): \(luma.status) \(luma.body)")
                    }
                    let fetch = try await harness.call(.GET, base + "/suno/fetch/\(segment)", key: attacker)
                    #expect(fetch.status == 404 && fetch.json?["code"] == "not_found", "fetch \(id): \(fetch.status) \(fetch.body)")
                    let batch = try await harness.call(
                        .POST, base + "/suno/fetch", key: attacker, body: JSONValue.object(["ids": .array([.string(id)])]).encoded())
                    #expect(batch.status == 200 && batch.json?["data"] == .array([]), "batch \(id): \(batch.status) \(batch.body)")
                    let feed = try await harness.call(.GET, base + "/suno/feed/\(segment)", key: attacker)
                    #expect(feed.status == 200 && feed.json?["data"] == .array([]), "feed \(id): \(feed.status) \(feed.body)")
                }
                let chatBody = JSONValue.object([
                    "model": .string("gpt-4o-mini" + injection), "messages": .array([.object(["role": "user", "content": "x"])]),
                ])
                let model = try await harness.call(.POST, base + "/v1/chat/completions", key: attacker, body: chatBody.encoded())
                #expect(model.status == 404 || model.status == 400, "model \(injection): \(model.status) \(model.body)")
                let key = try await harness.call(.GET, base + "/api/token/self", key: "sk-" + injection)
                #expect(key.status == 401, "key sk-\(injection): \(key.status) \(key.body)")
            }

            // Nothing was dropped or changed, and the victim's rows are still theirs alone.
            #expect(try await Self.tables(harness) == tablesBefore)
            #expect(try await TokenStore(database: harness.database).list().total == 2)
            #expect(try await harness.call(.GET, "/generations/\(lumaID)", key: victim).status == 200)
            #expect(try await harness.call(.GET, base + "/suno/fetch/\(sunoID)", key: victim).status == 200)
            #expect(Self.items(try await harness.call(.GET, base + "/api/log/self", key: victim))?.count == 1)
            #expect(Self.items(try await harness.call(.GET, base + "/api/task/self", key: victim))?.count == 2)
            #expect(Self.items(try await harness.call(.GET, base + "/api/task/self", key: attacker))?.isEmpty == true)
            #expect(try await harness.token(forKey: attacker).usedMicros == 0)
        }
    }

    // MARK: 4. Keys are redacted whole in logs and errors

    /// A value that must never show, with the name a failure reports it by.
    struct Secret {
        let name: String
        let value: String
    }

    /// OpenAI's way of quoting a refused key, as the emulator does: `ope****ey-0`.
    static func masked(_ key: String) -> String { "\(key.prefix(3))****\(key.suffix(4))" }

    @Test func keysNeverShowInAnswersOrLogs() async throws {
        // Channel 0 of every family refuses its key, so every call that succeeds failed over from a refused key.
        try await TestHarness.run(emulators: [
            EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["nobody-has-this-key"]), EmulatorConfiguration(stepSeconds: 0.05),
        ]) { harness in
            let key = try await harness.customerKey()
            let admin = try await harness.adminKey()
            let sink = LogSink()
            try await Self.restartCapturingLogs(harness, into: sink)
            let base = harness.baseURL
            var answers: [(String, TestHarness.Answer)] = []
            func record(_ label: String, _ answer: TestHarness.Answer) { answers.append((label, answer)) }

            // Calls that succeed, in every family.
            record("chat", try await harness.call(.POST, base + "/v1/chat/completions", key: key, body: Self.chat("hello")))
            record(
                "messages",
                try await harness.call(.POST, base + "/v1/messages", key: nil, body: Self.messages("hello"), headers: Self.anthropicHeaders(key)))
            let created = try await harness.call(.POST, "/generations", key: key, body: #"{"prompt":"redact me"}"#)
            record("luma create", created)
            let lumaID = try #require(created.json?["id"]?.stringValue, "\(created.body)")
            #expect(try await harness.waitForEnd(lumaID, key: key)["state"] == "completed")
            record("luma get", try await harness.call(.GET, "/generations/\(lumaID)", key: key))
            record("luma list", try await harness.call(.GET, "/generations", key: key))
            let submitted = try await harness.call(.POST, base + "/suno/submit/music", key: key, body: #"{"prompt":"redact me","mv":"chirp-v4"}"#)
            record("suno submit", submitted)
            let sunoID = try #require(submitted.json?["data"]?.stringValue, "\(submitted.body)")
            #expect(try await harness.waitForSunoTask(sunoID, key: key)["status"] == "SUCCESS")
            for path in [
                "/suno/fetch/\(sunoID)", "/v1/dashboard/billing/subscription", "/api/token/self", "/api/log/self", "/api/task/self", "/v1/models",
                "/dream-machine/v1/credits", "/dream-machine/v1/generations/concepts/list",
            ] {
                record(path, try await harness.call(.GET, base + path, key: key))
            }
            // Calls that fail upstream.
            record("chat 500", try await harness.call(.POST, base + "/v1/chat/completions", key: key, body: Self.chat("boom [fault:500]")))
            record(
                "messages 500",
                try await harness.call(
                    .POST, base + "/v1/messages", key: nil, body: Self.messages("boom [fault:500]"), headers: Self.anthropicHeaders(key)))
            record("luma 500", try await harness.call(.POST, "/generations", key: key, body: #"{"prompt":"boom [fault:500]"}"#))
            record(
                "suno 500",
                try await harness.call(.POST, base + "/suno/submit/music", key: key, body: #"{"prompt":"boom [fault:500]","mv":"chirp-v4"}"#))
            record(
                "count tokens",
                try await harness.call(
                    .POST, base + "/v1/messages/count_tokens", key: nil, body: Self.messages("count"), headers: Self.anthropicHeaders(key)))
            // Wrong customer keys, in each place a key is read.
            let wrongKeys = ["sk-" + String(repeating: "W", count: 48), String(key.dropLast()), key + "x"]
            for wrong in wrongKeys {
                record("wrong chat", try await harness.call(.POST, base + "/v1/chat/completions", key: wrong, body: Self.chat("x")))
                record(
                    "wrong messages",
                    try await harness.call(.POST, base + "/v1/messages", key: nil, body: Self.messages("x"), headers: Self.anthropicHeaders(wrong)))
                record("wrong luma", try await harness.call(.POST, "/generations", key: wrong, body: #"{"prompt":"x"}"#))
                record("wrong suno", try await harness.call(.GET, base + "/suno/fetch/\(sunoID)", key: wrong))
                record("wrong system", try await harness.call(.GET, base + "/api/token/self", key: wrong))
                record("wrong admin", try await harness.call(.GET, base + "/api/channel", key: wrong))
            }
            // The operator's API, which names channels but never their keys.
            record("channels", try await harness.call(.GET, base + "/api/channel", key: admin))
            record("tokens", try await harness.call(.GET, base + "/api/token", key: admin))
            record("channel test", try await harness.call(.GET, base + "/api/channel/test/3", key: admin))
            record("admin logs", try await harness.call(.GET, base + "/api/log", key: admin))
            record("admin tasks", try await harness.call(.GET, base + "/api/task", key: admin))
            let added = "sk-operator-added-channel-key-7Q2x"
            record(
                "add channel",
                try await harness.call(
                    .POST, base + "/api/channel", key: admin,
                    body: #"{"family":"openai","base_url":"\#(harness.emulators[1].openAIBaseURL)","key":"\#(added)","models":"gpt-4o"}"#))
            record("chat via added", try await harness.call(.POST, base + "/v1/chat/completions", key: key, body: Self.chat("x", model: "gpt-4o")))
            #expect(answers.first?.1.status == 200)
            // Stopping the gateway ends every service that logs (the usage recorder's last batch, shutdown itself),
            // so every line it will ever write is in the sink before it is searched.
            await harness.stopGateway()

            var customerSecrets = [Secret(name: "customer key", value: key), Secret(name: "admin key", value: admin)]
            customerSecrets += wrongKeys.map { Secret(name: "wrong customer key", value: $0) }
            let hashes = [
                Secret(name: "customer key hash", value: CustomerKey.hash(key)), Secret(name: "admin key hash", value: CustomerKey.hash(admin)),
            ]
            var upstreamSecrets = [Secret(name: "operator-added channel key", value: added)]
            for index in 0..<2 {
                for family in ["openai-key", "anthropic-key", "upstream-key", "suno-key"] {
                    let channelKey = "\(family)-\(index)"
                    upstreamSecrets.append(Secret(name: "upstream key \(channelKey)", value: channelKey))
                    upstreamSecrets.append(Secret(name: "upstream key \(channelKey) as OpenAI masks it", value: Self.masked(channelKey)))
                }
            }

            // Answers: no key of any kind, in any header or body.
            for (label, answer) in answers {
                let text = answer.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n" + answer.body
                for secret in customerSecrets + hashes + upstreamSecrets {
                    #expect(!text.contains(secret.value), "\(secret.name) in the answer to \(label) (\(answer.status)): \(answer.body.prefix(300))")
                }
            }
            // Logs. Plain keys, the customers' and those sent upstream on every relayed call (refused or not): at no level.
            let signing = try #require(try await Self.signingSecret(harness.database))
            let lines = sink.lines()
            #expect(lines.count > 20)
            for secret in customerSecrets + upstreamSecrets where secret.name != "operator-added channel key" {
                let found = lines.filter { $0.contains(secret.value) }
                #expect(found.isEmpty, "\(secret.name) logged \(found.count) times, e.g. \(found.first?.prefix(400) ?? "")")
            }
            // At info and above, the default level: no secret of any kind.
            let signingSecret = Secret(name: "callback signing secret", value: signing)
            for secret in customerSecrets + upstreamSecrets + hashes + [signingSecret] {
                let found = sink.lines(atLeast: .info).filter { $0.contains(secret.value) }
                #expect(found.isEmpty, "\(secret.name) logged at info or above: \(found.first?.prefix(400) ?? "")")
            }
            // At debug and trace too: queries are not logged with their binds (key hashes, a new channel's key), and
            // no service describes the callback signing secret.
            for secret in hashes + [Secret(name: "operator-added channel key", value: added), signingSecret] {
                let found = lines.filter { $0.contains(secret.value) }
                #expect(found.isEmpty, "\(secret.name) logged \(found.count) times, e.g. \(found.first?.prefix(400) ?? "")")
            }
        }
    }

    static func signingSecret(_ database: Database) async throws -> String? {
        try await database.read.raw("SELECT value FROM gateway_secrets WHERE name = 'callback_signing'").first()?.decode(
            column: "value", as: String.self)
    }

    /// The key customers check callbacks with: generated and stored on the first start, or configured.
    @Test func theCallbackSigningSecretNeverShowsInLogs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configured = "whsec_configured_by_the_operator_0123456789"
        let runs: [(label: String, sink: LogSink, configured: String?)] = [
            ("first start", LogSink(), nil), ("restart", LogSink(), nil), ("configured secret", LogSink(), configured),
        ]
        for run in runs {
            var config = TestHarness.testConfig(directory: directory)
            config.callbacks.signingSecret = run.configured
            let gateway = try await GatewayServer.start(config: config, logger: run.sink.logger())
            await gateway.stop()
        }
        let database = try await Database.open(directory: directory, logger: TestHarness.logger)
        let generated = try #require(try await Self.signingSecret(database))
        await database.close()
        for run in runs {
            let secret = run.configured ?? generated
            #expect(run.sink.lines().count > 5)
            #expect(run.sink.lines(atLeast: .info).allSatisfy { !$0.contains(secret) }, "\(run.label)")
        }
        // Nor at debug and trace: the INSERT that stores a new secret is not logged with its binds, and
        // ServiceLifecycle's "Starting service lifecycle" line names `CallbackSender` without its fields.
        for run in runs {
            let found = run.sink.lines().filter { $0.contains(run.configured ?? generated) }
            #expect(found.isEmpty, "\(run.label): logged \(found.count) times, e.g. \(found.first?.prefix(400) ?? "")")
        }
    }

    // MARK: 5. Request bodies have size limits

    @Test func oversizedBodiesAre413InEachRoutesDialectAndCostNothing() async throws {
        try await TestHarness.run(configure: { $0.maxRequestBodyBytes = 4_096 }) { harness in
            let channelCount = try await ChannelStore(database: harness.database).list().count
            let key = try await harness.customerKey()
            let admin = try await harness.adminKey()
            let base = harness.baseURL
            let big = String(repeating: "a", count: 8_000)
            // OpenAI: {"error":{"message","type","param","code"}}.
            for path in ["/v1/chat/completions", "/v1/embeddings"] {
                let answer = try await harness.call(.POST, base + path, key: key, body: Self.chat(big))
                #expect(answer.status == 413, "\(path): \(answer.body)")
                #expect(answer.json?["error"]?["code"] == "payload_too_large", "\(path): \(answer.body)")
                #expect(answer.json?["error"]?["type"] == "invalid_request_error")
            }
            // Anthropic: {"type":"error","error":{"type":"request_too_large","message"}}.
            for path in ["/v1/messages", "/v1/messages/count_tokens"] {
                let answer = try await harness.call(.POST, base + path, key: nil, body: Self.messages(big), headers: Self.anthropicHeaders(key))
                #expect(answer.status == 413, "\(path): \(answer.body)")
                #expect(answer.json?["type"] == "error", "\(path): \(answer.body)")
                #expect(answer.json?["error"]?["type"] == "request_too_large", "\(path): \(answer.body)")
            }
            // Luma: {"detail": "..."}.
            for path in ["/generations", "/generations/image"] {
                let answer = try await harness.call(.POST, path, key: key, body: #"{"prompt":"\#(big)"}"#)
                #expect(answer.status == 413, "\(path): \(answer.body)")
                #expect(answer.json?["detail"]?.stringValue?.contains("4096") == true, "\(path): \(answer.body)")
            }
            // Suno: {"code","message","data":null}.
            for path in ["/suno/submit/music", "/suno/fetch"] {
                let answer = try await harness.call(.POST, base + path, key: key, body: #"{"prompt":"\#(big)","mv":"chirp-v4","ids":[]}"#)
                #expect(answer.status == 413, "\(path): \(answer.body)")
                #expect(answer.json?["code"] == "payload_too_large", "\(path): \(answer.body)")
                #expect(answer.json?["data"] == .null)
            }
            // The operators' API: {"success":false,"message","data":null}.
            for (path, body) in [
                ("/api/token", #"{"name":"\#(big)"}"#), ("/api/channel", #"{"family":"openai","base_url":"http://x","key":"\#(big)","models":"m"}"#),
            ] {
                let answer = try await harness.call(.POST, base + path, key: admin, body: body)
                #expect(answer.status == 413, "\(path): \(answer.body)")
                #expect(answer.json?["success"] == false, "\(path): \(answer.body)")
            }
            #expect(try await TokenStore(database: harness.database).list().total == 2)
            #expect(try await ChannelStore(database: harness.database).list().count == channelCount)
            // Nothing reached an upstream and nothing was charged.
            let emulator = harness.emulators[0]
            for route in [
                "POST /v1/chat/completions", "POST /v1/embeddings", "POST /v1/messages", "POST /generations/video", "POST /generations/image",
                "POST /suno/submit/music",
            ] {
                #expect(emulator.requestCount(route) == 0, "\(route)")
            }
            try await expectSteady(for: .milliseconds(150)) {
                let token = try await harness.token(forKey: key)
                return token.usedMicros == 0 && token.heldMicros == 0
            }
            let token = try await harness.token(forKey: key)
            #expect(try await Self.taskCount(harness, tokenID: token.id) == 0)
            #expect(try await Self.usageCount(harness, tokenID: token.id) == 0)
            // The limit is a limit, not a ban: a body under it passes.
            #expect(
                try await harness.call(.POST, base + "/v1/chat/completions", key: key, body: Self.chat(String(repeating: "a", count: 3_000))).status
                    == 200)
        }
    }

    // MARK: 6. One customer can never read or spend another's tasks, logs or balance

    @Test func oneCustomerCannotReadOrSpendAnothers() async throws {
        try await TestHarness.run { harness in
            let alice = try await harness.customerKey(quota: "25.00")
            let bob = try await harness.customerKey(quota: "3.00")
            let base = harness.baseURL
            let aliceToken = try await harness.token(forKey: alice)
            let bobToken = try await harness.token(forKey: bob)

            // Alice's generation, song and chat call, all finished and paid.
            let lumaID = try #require(
                try await harness.call(.POST, "/generations", key: alice, body: #"{"prompt":"alice"}"#).json?["id"]?.stringValue)
            #expect(try await harness.waitForEnd(lumaID, key: alice)["state"] == "completed")
            let song = try await SunoScenarioTests.song(harness, key: alice, #"{"prompt":"alice","mv":"chirp-v4"}"#)
            let sunoID = try #require(song["task_id"]?.stringValue)
            let clipID = try SunoScenarioTests.firstClipID(song)
            #expect(try await harness.call(.POST, base + "/v1/chat/completions", key: alice, body: Self.chat("alice")).status == 200)
            let aliceRows = try await harness.usageRows(tokenID: aliceToken.id, count: 1)
            #expect(aliceRows.count == 1)
            try await waitUntil { try await harness.token(forKey: alice).heldMicros == 0 }
            let aliceBefore = try await harness.token(forKey: alice)
            #expect(aliceBefore.usedMicros > 0)
            let aliceLedger = try await harness.ledger(lumaID) + harness.ledger(sunoID)

            // Bob reads: nothing of Alice's, by id, by list, or by naming her token.
            let peek = try await harness.call(.GET, "/generations/\(lumaID)", key: bob)
            #expect(peek.status == 404 && peek.json?["detail"] != nil)
            #expect(try await harness.call(.DELETE, "/generations/\(lumaID)", key: bob).status == 404)
            #expect(try await harness.call(.POST, "/generations/\(lumaID)/upscale", key: bob, body: "{}").status == 404)
            #expect(try await harness.call(.POST, "/generations/\(lumaID)/audio", key: bob, body: #"{"prompt":"x"}"#).status == 404)
            let keyframe = #"{"prompt":"x","keyframes":{"frame0":{"type":"generation","id":"\#(lumaID)"}}}"#
            #expect(try await harness.call(.POST, "/generations", key: bob, body: keyframe).status == 400)
            let bobList = try await harness.call(.GET, "/generations?limit=100", key: bob)
            #expect(bobList.json?["count"] == 0 && !bobList.body.contains(lumaID))
            let fetch = try await harness.call(.GET, base + "/suno/fetch/\(sunoID)", key: bob)
            #expect(fetch.status == 404 && fetch.json?["code"] == "not_found")
            #expect(try await harness.call(.POST, base + "/suno/fetch", key: bob, body: #"{"ids":["\#(sunoID)"]}"#).json?["data"] == .array([]))
            #expect(try await harness.call(.GET, base + "/suno/feed/\(clipID)", key: bob).json?["data"] == .array([]))
            #expect(try await harness.call(.GET, base + "/suno/act/wav/\(clipID)", key: bob).status == 404)
            #expect(
                try await harness.call(
                    .POST, base + "/suno/submit/music", key: bob,
                    body: #"{"task":"extend","continue_clip_id":"\#(clipID)","continue_at":5,"mv":"chirp-v4"}"#
                ).status == 404)
            #expect(
                try await harness.call(.POST, base + "/suno/persona/create", key: bob, body: #"{"name":"mine now","root_clip_id":"\#(clipID)"}"#)
                    .status
                    == 404)
            for query in ["", "?token_id=\(aliceToken.id)", "?token_id=\(aliceToken.id)&user_id=\(aliceToken.id)"] {
                let logs = try await harness.call(.GET, base + "/api/log/self\(query)", key: bob)
                #expect(Self.items(logs)?.isEmpty == true, "\(query): \(logs.body)")
                let tasks = try await harness.call(.GET, base + "/api/task/self\(query)", key: bob)
                #expect(Self.items(tasks)?.isEmpty == true, "\(query): \(tasks.body)")
                let subscription = try await harness.call(.GET, base + "/v1/dashboard/billing/subscription\(query)", key: bob)
                #expect(subscription.json?["hard_limit_usd"] == 3, "\(query): \(subscription.body)")
                let usage = try await harness.call(.GET, base + "/v1/dashboard/billing/usage\(query)", key: bob)
                #expect(usage.json?["total_usage"] == 0, "\(query): \(usage.body)")
                let token = try await harness.call(.GET, base + "/api/token/self\(query)", key: bob)
                #expect(token.json?["data"]?["id"]?.stringValue == bobToken.id, "\(query): \(token.body)")
                #expect(try await harness.call(.GET, "/credits\(query)", key: bob).json?["credit_balance"] == 300)
            }
            for path in ["/api/log", "/api/task", "/api/token", "/api/log?token_id=\(aliceToken.id)"] {
                #expect(try await harness.call(.GET, base + path, key: bob).status == 403, "\(path)")
            }
            // Alice's token id or key hash are not keys.
            for stolen in [aliceToken.id, CustomerKey.hash(alice), "sk-" + CustomerKey.hash(alice)] {
                #expect(try await harness.call(.GET, base + "/api/token/self", key: stolen).status == 401)
            }

            // Bob spends in every family; Alice's balance does not move.
            #expect(try await harness.call(.POST, base + "/v1/chat/completions", key: bob, body: Self.chat("bob")).status == 200)
            let bobLuma = try #require(try await harness.call(.POST, "/generations", key: bob, body: #"{"prompt":"bob"}"#).json?["id"]?.stringValue)
            let bobSuno = try #require(
                try await harness.suno(.POST, "/suno/submit/music", key: bob, body: #"{"prompt":"bob","mv":"chirp-v4"}"#).stringValue)
            _ = try await harness.call(.POST, base + "/v1/chat/completions", key: bob, body: Self.chat("bob [fault:500]"))
            #expect(try await harness.waitForEnd(bobLuma, key: bob)["state"] == "completed")
            #expect(try await harness.waitForSunoTask(bobSuno, key: bob)["status"] == "SUCCESS")
            _ = try await harness.usageRows(tokenID: bobToken.id, count: 2)
            try await waitUntil { try await harness.token(forKey: bob).heldMicros == 0 }
            let aliceAfter = try await harness.token(forKey: alice)
            #expect(aliceAfter.usedMicros == aliceBefore.usedMicros)
            #expect(aliceAfter.heldMicros == aliceBefore.heldMicros)
            #expect(try await harness.ledger(lumaID) + harness.ledger(sunoID) == aliceLedger)
            #expect(try await harness.token(forKey: bob).usedMicros > 810_000)
            #expect(try await harness.usageRows(tokenID: aliceToken.id, count: 1).count == 1)
            // And Alice still has what is hers.
            #expect(try await harness.call(.GET, "/generations/\(lumaID)", key: alice).status == 200)
            #expect(Self.items(try await harness.call(.GET, base + "/api/task/self", key: alice))?.count == 2)
        }
    }
}
