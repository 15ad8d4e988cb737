import Foundation
import Testing
@testable import LimnRouter

@Suite("Token counts from each router's usage dialect")
struct TokenUsageTests {
    @Test("each dialect's counts are read",
          arguments: [(#"{"input_tokens": 50, "output_tokens": 4160, "total_tokens": 4210}"#, 50, 4160),
                      (#"{"prompt_tokens": 12, "completion_tokens": 30}"#, 12, 30),
                      (#"{"promptTokenCount": 7, "candidatesTokenCount": 1290, "totalTokenCount": 1297}"#, 7, 1290),
                      (#"{"prompt_tokens": 3.0, "completion_tokens": 1}"#, 3, 1)])
    func dialects(json: String, input: Int, output: Int) throws {
        let usage = TokenUsage(try JSONValue.parse(Data(json.utf8)))
        #expect(usage == TokenUsage(input: input, output: output))
    }

    @Test("missing, negative or wrongly typed counts are unknown, not zero",
          arguments: ["{}", #"{"input_tokens": -5, "output_tokens": "many"}"#, "[]", "null"])
    func unknown(json: String) throws {
        #expect(TokenUsage(try JSONValue.parse(Data(json.utf8))) == TokenUsage())
        #expect(TokenUsage(nil) == TokenUsage())
    }
}
