import Foundation
import HTTPTypes
import Hummingbird

/// Works out which fault a request asked for through its header or its prompt.
///
/// `EmulatorConfiguration.forcedFault` wins over both; callers check it first.
enum EmulatorFaultSelector {
    /// The header tests use to pick a fault for one request.
    // The literal is a valid token, so the failable initializer cannot fail.
    static let headerName = HTTPField.Name("X-Emulator-Fault")!

    /// The fault named by the `X-Emulator-Fault` header, nil when absent.
    /// - Throws: 400 for an unknown value, so a typo in a test fails loudly instead of silently passing.
    static func headerFault(in headers: HTTPFields) throws -> EmulatorFault? {
        guard let raw = headers[headerName]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return nil
        }
        guard let fault = EmulatorFault(rawValue: raw.lowercased()) else {
            let known = EmulatorFault.allCases.map(\.rawValue).joined(separator: ", ")
            throw EmulatorHTTPError.badRequest("Unknown X-Emulator-Fault '\(raw)'; expected one of: \(known)")
        }
        return fault
    }

    /// The first known fault named by a `[fault:<rawValue>]` keyword in `prompt`.
    ///
    /// The gateway forwards customer prompts untouched, so this is how end-to-end tests steer faults. Unknown
    /// names are ignored: a real prompt may contain such text by chance.
    static func promptFault(in prompt: String?) -> EmulatorFault? {
        // Most texts hold no keyword at all; a byte scan rules that out before any string search.
        guard let prompt, prompt.utf8.contains(UInt8(ascii: "[")) else { return nil }
        var rest = prompt[...]
        let opener = "[fault:"
        while let start = rest.range(of: opener, options: .caseInsensitive) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "]") else { return nil }
            let name = rest[..<end].trimmingCharacters(in: .whitespaces).lowercased()
            if let fault = EmulatorFault(rawValue: name) { return fault }
        }
        return nil
    }
}
