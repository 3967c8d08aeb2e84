import Foundation
import Testing
@testable import Switchyard

/// SigV4 as AWS documents it: the signature of the "GET Object" example of the S3 signing guide, and the shape of
/// the headers a request goes out with.
@Suite struct S3SignerTests {
    let signer = S3Signer(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1")
    /// 2013-05-24T00:00:00Z, the example's time.
    let date = Date(timeIntervalSince1970: 1_369_353_600)

    @Test func theGuidesGetObjectExampleSignsAsDocumented() {
        let headers = signer.sign(
            method: "GET", path: "/test.txt", headers: ["Host": "examplebucket.s3.amazonaws.com", "Range": "bytes=0-9"],
            payloadHash: S3Signer.emptyPayloadHash, date: date)
        #expect(
            headers["authorization"]
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(headers["x-amz-date"] == "20130524T000000Z")
        #expect(headers["x-amz-content-sha256"] == S3Signer.emptyPayloadHash)
    }

    @Test func anotherSecretOrPathSignsDifferently() {
        let base = signer.sign(method: "GET", path: "/b/k", headers: ["host": "h"], payloadHash: S3Signer.unsignedPayload, date: date)
        let other = S3Signer(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "other", region: "us-east-1")
            .sign(method: "GET", path: "/b/k", headers: ["host": "h"], payloadHash: S3Signer.unsignedPayload, date: date)
        let otherPath = signer.sign(method: "GET", path: "/b/k2", headers: ["host": "h"], payloadHash: S3Signer.unsignedPayload, date: date)
        #expect(base["authorization"] != other["authorization"])
        #expect(base["authorization"] != otherPath["authorization"])
        #expect(S3MediaBackend.hostHeader(of: "http://127.0.0.1:9000") == "127.0.0.1:9000")
        #expect(S3MediaBackend.hostHeader(of: "https://s3.amazonaws.com") == "s3.amazonaws.com")
    }
}
