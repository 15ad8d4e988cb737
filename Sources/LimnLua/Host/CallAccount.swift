import LimnRouter

/// One finished call as the usage totals count it.
public struct CallAccount: Sendable, Equatable {
    public var operation: String
    public var model: String
    /// The `size=` asked for, for per-size prices.
    public var size: String?
    public var images: Int
    public var tokens: TokenUsage
    /// Attempts made (1 when the first one answered); 0 when unknown (a failed call).
    public var attempts: Int
    public var failed: Bool

    public init(operation: String, model: String, size: String?, images: Int, tokens: TokenUsage, attempts: Int, failed: Bool) {
        self.operation = operation
        self.model = model
        self.size = size
        self.images = images
        self.tokens = tokens
        self.attempts = attempts
        self.failed = failed
    }

    /// The account of `call` and its result.
    public init(call: Call, result: Result<CallResult, RouterError>) {
        switch result {
        case .success(let r):
            self.init(operation: call.operation.rawValue, model: call.model, size: call.options.size, images: r.images.count,
                      tokens: TokenUsage(r.reply.usage), attempts: r.attempts, failed: false)
        case .failure:
            self.init(operation: call.operation.rawValue, model: call.model, size: call.options.size, images: 0,
                      tokens: TokenUsage(), attempts: 0, failed: true)
        }
    }
}
