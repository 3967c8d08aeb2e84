import Foundation
import Testing
@testable import Switchyard

/// The operator's commands set, show and import a model's output limit, and a running gateway reserves with it.
@Suite struct PriceCommandOutputLimitTests {
    @Test func setListAndImportShowTheLimit() async throws {
        try await TestHarness.run { harness in
            let set = ["price", "set", "--data", harness.directory, "--family", "openai", "--model", "gpt-4o-mini", "--input", "0.15"]
            let refused = try await SwitchyardBinary.run(set + ["--output", "100.00", "--max-output-tokens", "0"])
            #expect(refused.status != 0)
            #expect(refused.output.contains("max_output_tokens"), "\(refused.output)")
            let written = try await SwitchyardBinary.run(set + ["--output", "100.00", "--max-output-tokens", "200"])
            #expect(written.status == 0, "\(written.output)")
            #expect(written.output.contains("max output 200 tokens"), "\(written.output)")
            let listed = try await SwitchyardBinary.run(["price", "list", "--data", harness.directory, "--family", "openai"])
            let line = listed.output.split(separator: "\n").first { $0.hasPrefix("openai\tgpt-4o-mini\t") }
            #expect(line?.hasSuffix("; max output 200 tokens") == true, "\(listed.output)")

            // 200 tokens at $100 per million reserve $0.02 of the key's $0.05 (4096 would reserve $0.41).
            let key = try await harness.customerKey(quota: "0.05")
            let chat = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key,
                body: #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}"#)
            #expect(chat.status == 200)

            let file = harness.directory + "/litellm.json"
            let list = #"""
                {"gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1.5e-07,
                                 "output_cost_per_token": 0.0001, "max_input_tokens": 128000, "max_output_tokens": 16384}}
                """#
            try Data(list.utf8).write(to: URL(fileURLWithPath: file))
            let plan = try await SwitchyardBinary.run(["price", "import", file, "--data", harness.directory, "--family", "openai"])
            #expect(plan.status == 0, "\(plan.output)")
            let change = plan.output.split(separator: "\n").first { $0.hasPrefix("changed\topenai/gpt-4o-mini\t") }
            #expect(change?.contains("max output 200 tokens → ") == true, "\(plan.output)")
            #expect(change?.hasSuffix("; max output 16384 tokens") == true, "\(plan.output)")
            #expect(plan.output.contains("0 added, 1 changed, 0 unchanged"), "\(plan.output)")
            try await harness.waitForNothingOutstanding()
            try await harness.expectLedgerBalanced()
        }
    }
}
