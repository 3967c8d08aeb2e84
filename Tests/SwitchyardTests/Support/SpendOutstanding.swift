import Foundation
@testable import Switchyard

extension TestHarness {
    /// The gateway's reserved and unwritten money, as its `/metrics` reports them.
    func spendOutstanding() async throws -> (reserved: Int64, unwritten: Int64) {
        let text = try await call(.GET, baseURL + "/metrics", key: nil).body
        func gauge(_ name: String) -> Int64 {
            let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int64($0) } ?? -1
        }
        return (gauge("switchyard_reserved_micros"), gauge("switchyard_unwritten_charges_micros"))
    }

    /// Waits until no money is reserved or waiting to be written: every call's bill has closed and been written.
    func waitForNothingOutstanding(seconds: Double = 10) async throws {
        try await waitUntil(seconds: seconds) {
            let outstanding = try await spendOutstanding()
            return outstanding.reserved == 0 && outstanding.unwritten == 0
        }
    }
}
