import Testing
@testable import Switchyard

extension TestHarness {
    /// Ends a money test with `switchyard ledger verify`: stops the gateway, whose usage recorder writes every
    /// charge still queued on its way out, then expects every stored balance to be what the ledger says.
    func expectLedgerBalanced(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        await stopGateway()
        try await expectNoLedgerDifferences(database, sourceLocation: sourceLocation)
    }
}

/// Expects no difference between the stored balances of `database` and its ledger.
func expectNoLedgerDifferences(_ database: Database, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let differences = try await LedgerAudit.differences(database: database)
    #expect(differences.isEmpty, "ledger verify found: \(differences)", sourceLocation: sourceLocation)
}
