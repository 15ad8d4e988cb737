import Foundation
import LimnRouter

/// Which calls `limn history` lists: newest first, narrowed by any filters given.
public struct HistoryQuery: Sendable, Equatable {
    /// At most this many calls (the newest).
    public var limit: Int
    /// Only this model; `*` and `?` match as in a shell glob (`gpt-image-*`).
    public var model: String?
    /// Only calls started at or after this date.
    public var since: Date?
    /// Only calls whose prompt, revised prompts or reply text contain this, ignoring ASCII case.
    public var text: String?
    /// Only calls of this run.
    public var run: RunID?
    /// Only this operation.
    public var operation: LimnRouter.Operation?
    /// Only failed calls (true) or only successful ones (false).
    public var failed: Bool?
    /// Only calls that received an image whose SHA-256 starts with this (hex, as `tostring` shows it).
    public var imageSHA256Prefix: String?

    /// A query; with no arguments, the 20 newest calls.
    public init(limit: Int = 20, model: String? = nil, since: Date? = nil, text: String? = nil, run: RunID? = nil,
                operation: LimnRouter.Operation? = nil, failed: Bool? = nil, imageSHA256Prefix: String? = nil) {
        self.limit = limit
        self.model = model
        self.since = since
        self.text = text
        self.run = run
        self.operation = operation
        self.failed = failed
        self.imageSHA256Prefix = imageSHA256Prefix
    }
}
