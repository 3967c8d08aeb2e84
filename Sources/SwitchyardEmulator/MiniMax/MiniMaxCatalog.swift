/// Fixed vocabularies of the emulated MiniMax API.
enum MiniMaxCatalog {
    static let basePath = "/minimax"
    static let mediaFolder = "minimax"
    static let models: Set<String> = [
        "MiniMax-Hailuo-2.3", "MiniMax-Hailuo-2.3-Fast", "MiniMax-Hailuo-02", "T2V-01-Director", "T2V-01", "I2V-01-Director", "I2V-01",
        "I2V-01-live", "S2V-01",
    ]
    static let resolutions = ["512P", "720P", "768P", "1080P"]

    /// `[status:<code>]` in the prompt: MiniMax's own refusals. 1026 (sensitive input), 1008 (insufficient
    /// balance) and 1002 (rate limit) answer the create; 1027 (sensitive output) fails the task when it ends.
    static func statusMarker(in prompt: String) -> Int? {
        for code in [1026, 1008, 1002, 1027] where prompt.contains("[status:\(code)]") { return code }
        return nil
    }

    static func message(for code: Int) -> String {
        switch code {
        case 1002: "rate limit exceeded"
        case 1004: "login fail: Please carry the API secret key in the 'Authorization' field of the request header"
        case 1008: "insufficient balance"
        case 1026: "input new_sensitive"
        case 1027: "output new_sensitive"
        case 1013: "internal error"
        default: "invalid params"
        }
    }

    /// `{"base_resp":{...}}` alone, as every MiniMax error answers (HTTP 200).
    static func baseResp(_ code: Int, _ message: String? = nil) -> EmulatorJSON {
        .object([("status_code", .int(code)), ("status_msg", .string(message ?? self.message(for: code)))])
    }
}
