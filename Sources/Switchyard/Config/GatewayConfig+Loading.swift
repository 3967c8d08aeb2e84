import Configuration
import Foundation
import Logging
import SystemPackage

extension GatewayConfig {
    /// Loads settings from an optional JSON file, overridden by environment variables named after the keys
    /// (`tasks.max_task_age_ms` ← `SWITCHYARD_TASKS_MAX_TASK_AGE_MS`). Prices come from the file's `prices` list.
    public static func load(file: String?, environment: [String: String]) async throws -> GatewayConfig {
        var prefixed: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix("SWITCHYARD_") {
            prefixed[String(name.dropFirst("SWITCHYARD_".count))] = value
        }
        var providers: [any ConfigProvider] = [EnvironmentVariablesProvider(environmentVariables: prefixed)]
        if let file {
            providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(file)))
        }
        let reader = ConfigReader(providers: providers)
        var config = GatewayConfig()
        config.host = reader.string(forKey: "server.host", default: config.host)
        config.port = reader.int(forKey: "server.port", default: config.port)
        config.dataDirectory = reader.string(forKey: "data.directory", default: config.dataDirectory)
        config.databaseURL = reader.string(forKey: "data.database_url", isSecret: true)
        config.publicURL = reader.string(forKey: "server.public_url")
        config.maxRequestBodyBytes = reader.int(forKey: "server.max_body_bytes", default: config.maxRequestBodyBytes)
        if let level = reader.string(forKey: "log.level").flatMap(Logger.Level.init(rawValue:)) { config.logLevel = level }

        config.upstream.requestTimeoutMillis = reader.int64(forKey: "upstream.timeout_ms", default: config.upstream.requestTimeoutMillis)
        config.upstream.connectTimeoutMillis = reader.int64(forKey: "upstream.connect_timeout_ms", default: config.upstream.connectTimeoutMillis)
        config.upstream.maxResponseBytes = reader.int(forKey: "upstream.max_response_bytes", default: config.upstream.maxResponseBytes)
        if let statuses = reader.string(forKey: "upstream.retry_statuses") {
            config.upstream.retryStatuses = Set(statuses.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        }
        config.relay.defaultMaxTokens = max(1, reader.int(forKey: "relay.default_max_tokens", default: config.relay.defaultMaxTokens))

        config.tasks.initialPollDelayMillis = reader.int64(forKey: "tasks.poll_initial_ms", default: config.tasks.initialPollDelayMillis)
        config.tasks.maxPollDelayMillis = reader.int64(forKey: "tasks.poll_max_ms", default: config.tasks.maxPollDelayMillis)
        config.tasks.maxTaskAgeMillis = reader.int64(forKey: "tasks.max_task_age_ms", default: config.tasks.maxTaskAgeMillis)
        config.tasks.submitGraceMillis = reader.int64(forKey: "tasks.submit_grace_ms", default: config.tasks.submitGraceMillis)
        config.tasks.sweepIntervalMillis = reader.int64(forKey: "tasks.sweep_interval_ms", default: config.tasks.sweepIntervalMillis)
        config.tasks.missingGraceMillis = reader.int64(forKey: "tasks.missing_grace_ms", default: config.tasks.missingGraceMillis)
        config.tasks.missingMinimumPolls = reader.int(forKey: "tasks.missing_min_polls", default: config.tasks.missingMinimumPolls)
        config.tasks.maxConcurrentPolls = reader.int(forKey: "tasks.max_concurrent_polls", default: config.tasks.maxConcurrentPolls)
        config.tasks.maxPollsPerChannel = reader.int(forKey: "tasks.max_polls_per_channel", default: config.tasks.maxPollsPerChannel)
        // How long an instance owns a task it polls: after a crash, another instance polls it once this has passed.
        config.tasks.leaseMillis = reader.int64(forKey: "tasks.lease_ms", default: config.tasks.leaseMillis)
        config.tasks.pollerTickMillis = reader.int64(forKey: "tasks.poller_tick_ms", default: config.tasks.pollerTickMillis)

        config.callbacks.allowPrivateTargets = reader.bool(forKey: "callbacks.allow_private_targets", default: false)
        config.callbacks.timeoutMillis = reader.int64(forKey: "callbacks.timeout_ms", default: config.callbacks.timeoutMillis)
        config.callbacks.maxAttempts = reader.int(forKey: "callbacks.max_attempts", default: config.callbacks.maxAttempts)
        config.callbacks.signingSecret = reader.string(forKey: "callbacks.signing_secret", isSecret: true)

        config.media.enabled = reader.bool(forKey: "media.enabled", default: config.media.enabled)
        config.media.directory = reader.string(forKey: "media.directory")
        config.media.maxBytes = reader.int64(forKey: "media.max_bytes", default: config.media.maxBytes)
        let lifetimeDays = max(1, reader.int64(forKey: "media.lifetime_days", default: config.media.lifetimeMillis / 86_400_000))
        let (lifetime, lifetimeOverflows) = lifetimeDays.multipliedReportingOverflow(by: 86_400_000)
        config.media.lifetimeMillis = lifetimeOverflows ? .max : lifetime
        config.media.copyTimeoutMillis = reader.int64(forKey: "media.copy_timeout_ms", default: config.media.copyTimeoutMillis)
        config.media.maxConcurrentCopies = max(1, reader.int(forKey: "media.max_concurrent_copies", default: config.media.maxConcurrentCopies))
        config.media.copyAttempts = max(1, reader.int(forKey: "media.copy_attempts", default: config.media.copyAttempts))
        config.media.allowPrivateSources = reader.bool(forKey: "media.allow_private_sources", default: false)
        if let endpoint = reader.string(forKey: "media.s3.endpoint"), let bucket = reader.string(forKey: "media.s3.bucket") {
            var s3 = MediaSettings.S3(
                endpoint: endpoint, bucket: bucket, region: reader.string(forKey: "media.s3.region", default: "us-east-1"),
                accessKeyID: reader.string(forKey: "media.s3.access_key_id", default: ""),
                secretAccessKey: reader.string(forKey: "media.s3.secret_access_key", isSecret: true) ?? "")
            s3.keyPrefix = reader.string(forKey: "media.s3.key_prefix", default: s3.keyPrefix)
            config.media.s3 = s3
        }

        for key in FamilyModules.settingKeys {
            config.families[key] = reader.string(forKey: ConfigKey(key))
        }

        if let file {
            let document = try Data(contentsOf: URL(fileURLWithPath: file))
            if let prices = try JSONDecoder().decode(PriceSection.self, from: document).prices {
                config.prices = PriceTable(rules: prices)
            }
        }
        return config
    }

    private struct PriceSection: Decodable {
        var prices: [PriceRule]?
    }
}

extension ConfigReader {
    func int64(forKey key: ConfigKey, default value: Int64) -> Int64 {
        Int64(int(forKey: key, default: Int(value)))
    }
}
