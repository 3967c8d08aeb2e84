import NIOCore
import Testing
@testable import Switchyard

/// What a delivery makes of the answer of DNS: no answer is worth another attempt; a private answer is final.
@Suite struct CallbackResolutionTests {
    struct Unreachable: Error {}

    @Test func aNameThatDoesNotResolveIsUnresolvedNotRefused() async {
        for resolver: CallbackTargetPolicy.Resolver in [{ _, _ in throw Unreachable() }, { _, _ in [] }] {
            let policy = CallbackTargetPolicy(allowPrivateTargets: false, resolver: resolver)
            await #expect(throws: CallbackTargetPolicy.Unresolved(host: "hooks.example.com")) {
                try await policy.checkResolved("https://hooks.example.com/x")
            }
        }
    }

    @Test func aNameThatResolvesToAPrivateAddressIsRefused() async {
        let policy = CallbackTargetPolicy(allowPrivateTargets: false) { _, port in [try SocketAddress(ipAddress: "10.0.0.7", port: port)] }
        await #expect(throws: GatewayError.self) { try await policy.checkResolved("https://hooks.example.com/x") }
    }

    @Test func aResolvedNameIsPinnedToItsAddress() async throws {
        let policy = CallbackTargetPolicy(allowPrivateTargets: false) { _, port in [try SocketAddress(ipAddress: "93.184.216.34", port: port)] }
        #expect(try await policy.checkResolved("https://hooks.example.com/x") == .init(host: "hooks.example.com", address: "93.184.216.34"))
    }
}
