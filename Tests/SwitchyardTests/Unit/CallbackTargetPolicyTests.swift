import NIOCore
import Testing
@testable import Switchyard

@Suite struct CallbackTargetPolicyTests {
    let strict = CallbackTargetPolicy(allowPrivateTargets: false)

    @Test(arguments: [
        "http://127.0.0.1/hook", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
        "http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/", "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/",
        "http://[::127.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/",
    ])
    func refusesPrivateLiterals(url: String) {
        #expect(throws: GatewayError.self) { try strict.checkForm(url) }
    }

    @Test(arguments: ["ftp://example.com/", "file:///etc/passwd", "not a url", "http:///nohost"])
    func refusesNonHTTP(url: String) {
        #expect(throws: GatewayError.self) { try strict.checkForm(url) }
    }

    @Test func acceptsPublicTargets() throws {
        _ = try strict.checkForm("https://hooks.example.com/luma")
        _ = try strict.checkForm("http://93.184.216.34:8080/x")
        _ = try strict.checkForm("http://[2606:4700::6810:84e5]/x")
        _ = try strict.checkForm("http://[64:ff9b::5db8:d822]/x")  // NAT64 of a public address
    }

    @Test func refusesNamesThatResolveToLoopback() async {
        await #expect(throws: GatewayError.self) { try await strict.checkResolved("http://localhost:9/hook") }
    }

    @Test func allowsPrivateTargetsWhenConfigured() async throws {
        #expect(try await CallbackTargetPolicy(allowPrivateTargets: true).checkResolved("http://127.0.0.1:9/hook") == nil)
    }

    /// A delivery connects to the address that was checked, never to a second answer of the name (DNS rebinding).
    @Test func aCheckedNameIsPinnedToTheCheckedAddress() throws {
        let pinned = CallbackTargetPolicy.PinnedTarget(host: "hooks.example.com", address: "93.184.216.34")
        let configuration = CallbackSender.pinnedConfiguration(pinned)
        #expect(configuration.dnsOverride == ["hooks.example.com": "93.184.216.34"])
    }

    @Test func ipLiteralsNeedNoPin() async throws {
        #expect(try await strict.checkResolved("http://93.184.216.34/hook") == nil)
    }
}
