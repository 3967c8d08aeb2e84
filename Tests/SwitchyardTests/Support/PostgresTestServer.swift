import Foundation
import Logging
import SQLKit
import Synchronization
@testable import Switchyard

/// One PostgreSQL server for the whole test process, started from Debian's packages in a temporary directory on
/// 127.0.0.1 and a free port, and stopped when the process exits. Each test asks for a fresh database on it.
///
/// Where no PostgreSQL is installed the PostgreSQL cases are left out of the run, and a loud line says so.
enum PostgresTestServer {
    /// The engines every storage test runs on: SQLite always, PostgreSQL when it is installed.
    static let engines: [StoreDialect] = {
        if binDirectory != nil { return [.sqlite, .postgres] }
        FileHandle.standardError.write(
            Data(
                """
                ********************************************************************************
                * PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin):      *
                * the PostgreSQL cases of the storage tests are SKIPPED. apt-get install postgresql *
                ********************************************************************************

                """.utf8))
        return [.sqlite]
    }()

    /// Where `initdb` and `pg_ctl` are: the newest `/usr/lib/postgresql/N/bin`, or `$PG_BINDIR`.
    static let binDirectory: String? = {
        if let configured = ProcessInfo.processInfo.environment["PG_BINDIR"], FileManager.default.isExecutableFile(atPath: configured + "/initdb") {
            return configured
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        return versions.map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }()

    /// A new, empty database on the shared server, as a `postgres://` URL.
    static func freshDatabaseURL() async throws -> String {
        let server = try await shared.value.get()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await server.admin.pooled.raw("CREATE DATABASE \(unsafeRaw: name)").run()
        return server.url(database: String(name))
    }

    private struct Running: Sendable {
        let port: Int
        let admin: PostgresStore

        func url(database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)?tlsmode=disable" }
    }

    private static let shared = Task<Result<Running, any Error>, Never> {
        do { return .success(try await start()) } catch { return .failure(error) }
    }

    /// The directory and `pg_ctl` of the started server, for the exit handler.
    private static let started = Mutex<(pgctl: String, directory: String)?>(nil)

    private static func start() async throws -> Running {
        guard let bin = binDirectory else { throw PostgresUnavailable(reason: "no PostgreSQL installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // initdb refuses to run as root: the server then runs as the `postgres` user, owning its directory.
        let asRoot = getuid() == 0
        if asRoot { try run("/bin/chown", ["postgres", directory]) }
        let port = try freePort()
        let data = directory + "/data"
        try run(bin + "/initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: asRoot)
        started.withLock { $0 = (bin + "/pg_ctl", directory) }
        atexit { PostgresTestServer.stopAtExit() }
        let options = [
            "-p \(port)", "-k \(directory)", "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c synchronous_commit=off",
            "-c full_page_writes=off", "-c max_connections=1000", "-c shared_buffers=64MB",
        ].joined(separator: " ")
        try run(bin + "/pg_ctl", ["-D", data, "-o", options, "-l", directory + "/server.log", "-w", "-t", "60", "start"], asPostgres: asRoot)
        var logger = Logger(label: "test-postgres")
        logger.logLevel = .critical
        let admin = try await PostgresStore.connect(
            url: "postgres://postgres@127.0.0.1:\(port)/postgres?tlsmode=disable", connectionsPerLoop: 2, logger: logger)
        return Running(port: port, admin: admin)
    }

    private static func stopAtExit() {
        guard let (pgctl, directory) = started.withLock({ $0 }) else { return }
        _ = try? run(pgctl, ["-D", directory + "/data", "-m", "immediate", "-w", "stop"], asPostgres: getuid() == 0)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a command to its end; throws with its output when it fails.
    ///
    /// Spawned directly, not with Foundation's `Process`: the server that `pg_ctl start` leaves running inherits the
    /// descriptors `Process` watches for its child's exit, and `waitUntilExit` would wait for the server to stop.
    private static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = false) throws {
        let argv = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-pg-command-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw PostgresUnavailable(reason: "could not start \(argv[0]) (\(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited normally with status 0 (the wait status's low 7 bits are the signal, the next 8 the exit code).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw PostgresUnavailable(reason: "\(executable) failed (wait status \(status)): \(text)")
        }
    }

    /// A port no one listens on now: the kernel's pick for a socket bound to port 0.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PostgresUnavailable(reason: "no socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw PostgresUnavailable(reason: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The test process could not start its PostgreSQL server.
struct PostgresUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { "PostgreSQL for the tests: \(reason)" }
}

/// A store on one engine for one test: a fresh data directory, or a fresh database on the test server.
enum TestStore {
    /// The engine of harnesses that name none: SQLite, or PostgreSQL when `SWITCHYARD_TEST_STORE=postgres` (how
    /// `scripts/test` runs the conformance suite a second time, on PostgreSQL).
    static let defaultEngine: StoreDialect =
        ProcessInfo.processInfo.environment["SWITCHYARD_TEST_STORE"].flatMap(StoreDialect.init(rawValue:)) ?? .sqlite

    /// Where a fresh store on `engine` lives: a new temporary directory, or a new PostgreSQL database's URL.
    static func location(_ engine: StoreDialect) async throws -> String {
        switch engine {
        case .sqlite:
            return FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-store-\(UUID().uuidString)").path
        case .postgres:
            return try await freshDatabaseURL()
        }
    }

    private static func freshDatabaseURL() async throws -> String { try await PostgresTestServer.freshDatabaseURL() }

    /// Opens a fresh store on `engine`, runs `body` and always closes it (and removes a SQLite directory).
    static func with(
        _ engine: StoreDialect, migratingThrough: Int? = nil, _ body: (Database) async throws -> Void
    ) async throws {
        let location = try await location(engine)
        defer { if engine == .sqlite { try? FileManager.default.removeItem(atPath: location) } }
        let database = try await Database.open(location: location, migratingThrough: migratingThrough, logger: TestHarness.logger)
        do {
            try await body(database)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
