import Foundation
import Testing
@testable import Switchyard

/// One serving process per data directory.
@Suite struct DataDirectoryLockTests {
    @Test func aSecondServeOnADirectoryInUseRefusesToStartAndNamesTheFirstsPid() async throws {
        try await TestHarness.run { harness in
            let second = try await SwitchyardBinary.run(["serve", "--data", harness.directory, "--port", "0"])
            #expect(second.status != 0)
            #expect(second.output.contains("already served by another switchyard process (pid \(getpid()))"), "\(second.output)")
            // The first one is untouched and still answers.
            #expect(try await harness.call(.GET, harness.baseURL + "/api/status", key: nil).status == 200)
        }
    }

    @Test func theLockIsHeldUntilReleasedAndThenFree() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-lock-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try DataDirectoryLock.acquire(directory: directory)
        #expect(throws: DataDirectoryInUse(directory: directory, pid: getpid())) { try DataDirectoryLock.acquire(directory: directory) }
        first.release()
        let again = try DataDirectoryLock.acquire(directory: directory)
        again.release()
    }

    /// A gateway stopped gives its directory up, as a restart on the same directory needs.
    @Test func aStoppedGatewayFreesItsDirectory() async throws {
        try await TestHarness.run { harness in
            #expect(throws: DataDirectoryInUse.self) { try DataDirectoryLock.acquire(directory: harness.directory) }
            await harness.stopGateway()
            try DataDirectoryLock.acquire(directory: harness.directory).release()
        }
    }
}
