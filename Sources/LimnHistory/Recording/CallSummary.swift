import Foundation
import LimnImage
import LimnRouter

/// What one call did, as the history and the manifest record it: built once from a `Call`
/// and its `CallResult` (or `RouterError`), already scrubbed of anything key-like.
public struct CallSummary: Sendable, Equatable {
    /// An error as recorded: its kind and message.
    public struct Failure: Sendable, Equatable {
        /// `RouterError.Kind` raw value (`http`, `rate_limit`, …).
        public var kind: String
        /// The error's message (scrubbed).
        public var message: String

        /// A failure.
        public init(kind: String, message: String) {
            self.kind = kind
            self.message = message
        }
    }

    /// generate, edit or chat.
    public var operation: LimnRouter.Operation
    /// The model asked for.
    public var model: String
    /// The prompt (for chat: the last user text).
    public var prompt: String?
    /// The route used, when the call got that far.
    public var route: Route?
    /// The reply's shape, when a reply was parsed.
    public var shape: Shape?
    /// HTTP status of the final attempt.
    public var status: Int?
    /// Attempts made (1 = no retry).
    public var attempts: Int
    /// When the call started.
    public var started: Date
    /// Wall time of the call, retries included, in milliseconds.
    public var elapsedMilliseconds: Int64
    /// The request body as sent (or, for a call that never got a reply, the options asked for), scrubbed.
    public var parameters: JSONObject
    /// Usage as the router reported it.
    public var usage: JSONValue?
    /// The router's request id.
    public var requestID: String?
    /// The reply's text, if any.
    public var replyText: String?
    /// The error, for a failed call.
    public var failure: Failure?
    /// The images received, in order.
    public var images: [ReceivedImage]
    /// The image an edit started from, when its bytes are at hand (history stores it too, so
    /// the lineage can be followed).
    public var parent: EncodedImage?
    /// The digest of the image an edit started from.
    public var parentSHA256: String?

    /// A successful call. `started` defaults to now minus the call's elapsed time; `parent`
    /// defaults to the first input image of an edit; `parentSHA256` to the parent's digest.
    public init(call: Call, result: CallResult, started: Date? = nil, parent: EncodedImage? = nil,
                parentSHA256: String? = nil) {
        self.init(call: call, reply: result, started: started, elapsed: result.elapsed, parent: parent,
                  parentSHA256: parentSHA256)
    }

    /// A failed call. A reply the error carries (say, the text of a `no_image` answer) is kept,
    /// images included: nothing paid for is lost.
    public init(call: Call, error: RouterError, started: Date? = nil, elapsed: Duration? = nil,
                parent: EncodedImage? = nil, parentSHA256: String? = nil) {
        self.init(call: call, reply: error.reply, started: started, elapsed: elapsed ?? error.reply?.elapsed ?? .zero,
                  parent: parent, parentSHA256: parentSHA256)
        route = error.route ?? route
        status = error.status ?? status
        requestID = error.requestID ?? requestID
        failure = Failure(kind: error.kind.rawValue, message: SecretScrubber.scrub(error.message))
    }

    /// A call that either succeeded or failed, as a host holds its outcome.
    public init(call: Call, outcome: Result<CallResult, RouterError>, started: Date? = nil, parent: EncodedImage? = nil,
                parentSHA256: String? = nil) {
        switch outcome {
        case .success(let result):
            self.init(call: call, result: result, started: started, parent: parent, parentSHA256: parentSHA256)
        case .failure(let error):
            self.init(call: call, error: error, started: started, parent: parent, parentSHA256: parentSHA256)
        }
    }

    private init(call: Call, reply: CallResult?, started: Date?, elapsed: Duration, parent: EncodedImage?,
                 parentSHA256: String?) {
        operation = call.operation
        model = call.model
        prompt = (call.prompt ?? Self.lastUserText(call)).map(SecretScrubber.redactTokens)
        route = reply?.route ?? call.via
        shape = reply?.reply.shape
        status = reply?.status
        attempts = reply?.attempts ?? 1
        elapsedMilliseconds = Self.milliseconds(elapsed)
        self.started = started ?? Date().addingTimeInterval(-Double(elapsedMilliseconds) / 1000)
        let sent = reply.map(\.sentParameters).flatMap { $0.isEmpty ? nil : $0 }
        parameters = SecretScrubber.scrub(sent ?? Self.askedParameters(call))
        usage = reply?.reply.usage.map(SecretScrubber.scrub)
        requestID = reply?.requestID
        let text = reply?.reply.text ?? ""
        replyText = text.isEmpty ? nil : SecretScrubber.scrub(text)
        failure = nil
        images = reply?.images ?? []
        let firstInput = call.operation == .edit ? call.images.first?.image : nil
        self.parent = parent ?? firstInput.flatMap { parentSHA256 == nil || $0.sha256 == parentSHA256 ? $0 : nil }
        self.parentSHA256 = parentSHA256 ?? self.parent?.sha256
    }

    /// Retries made: attempts − 1.
    public var retries: Int { max(0, attempts - 1) }

    /// Whole milliseconds in `duration`.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }

    static func lastUserText(_ call: Call) -> String? {
        for message in call.messages.reversed() where message.role == "user" {
            for part in message.parts {
                if case .text(let text) = part { return text }
            }
        }
        return nil
    }

    /// The options a call asked for, for calls that failed before a request was sent.
    static func askedParameters(_ call: Call) -> JSONObject {
        var object: JSONObject = ["model": .string(call.model)]
        let o = call.options
        if let prompt = call.prompt { object["prompt"] = .string(prompt) }
        if let n = o.n { object["n"] = .int(Int64(n)) }
        if let size = o.size { object["size"] = .string(size) }
        if let quality = o.quality { object["quality"] = .string(quality) }
        if let background = o.background { object["background"] = .string(background) }
        if let format = o.format { object["output_format"] = .string(format) }
        if let compression = o.compression { object["output_compression"] = .int(Int64(compression)) }
        if let fidelity = o.fidelity { object["input_fidelity"] = .string(fidelity) }
        if let maxTokens = o.maxTokens { object["max_tokens"] = .int(Int64(maxTokens)) }
        if let temperature = o.temperature { object["temperature"] = .double(temperature) }
        if let system = o.system { object["system"] = .string(system) }
        object.merge(call.extra)
        return object
    }
}
