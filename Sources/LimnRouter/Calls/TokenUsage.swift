/// Token counts from a reply's usage block, whichever dialect the router speaks: OpenAI images
/// (`input_tokens`/`output_tokens`), chat (`prompt_tokens`/`completion_tokens`) or Gemini
/// (`promptTokenCount`/`candidatesTokenCount`).
public struct TokenUsage: Sendable, Equatable {
    /// Tokens sent (prompt and input images); nil when the router did not say.
    public var input: Int?
    /// Tokens returned (text and image tokens); nil when the router did not say.
    public var output: Int?

    /// Counts.
    public init(input: Int? = nil, output: Int? = nil) {
        self.input = input
        self.output = output
    }

    /// The counts in `usage` (a reply's `usage` or `usageMetadata`), or none.
    public init(_ usage: JSONValue?) {
        func count(_ keys: [String]) -> Int? {
            for key in keys {
                if let n = usage?[key]?.intValue, n >= 0 { return n }
            }
            return nil
        }
        input = count(["input_tokens", "prompt_tokens", "promptTokenCount"])
        output = count(["output_tokens", "completion_tokens", "candidatesTokenCount"])
    }
}
