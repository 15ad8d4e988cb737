import Foundation
import LimnImage

/// An image as found in a response, before it is fetched and validated.
public enum ImageCandidate: Sendable, Equatable {
    /// Bytes carried in the response (base64 already decoded); `mime` as the response stated it.
    case bytes(Data, mime: String?)
    /// A URL to download at once.
    case url(String)
    /// A link that may or may not be an image (task-text links); kept only if the bytes are an image.
    case candidateLink(String)
}

/// A task-text reply's task block.
public struct TaskInfo: Sendable, Equatable {
    /// `task_…`
    public var id: String?
    /// The JSON parameter block.
    public var params: JSONValue?
    /// The "Data Preview" page (HTML, never an image).
    public var previewURL: String?
    /// Every link found in the text.
    public var links: [String]

    /// Task info.
    public init(id: String? = nil, params: JSONValue? = nil, previewURL: String? = nil, links: [String] = []) {
        self.id = id
        self.params = params
        self.previewURL = previewURL
        self.links = links
    }
}

/// A response normalized into texts and image candidates, with its shape.
public struct NormalizedReply: Sendable, Equatable {
    /// The classified shape.
    public var shape: Shape
    /// Text content joined (Markdown images removed where they were turned into images).
    public var text: String
    /// Images found, in order.
    public var images: [ImageCandidate]
    /// Revised prompts per image where the router gave them (same order as `images`).
    public var revisedPrompts: [String?]
    /// Task block for task-text replies.
    public var task: TaskInfo?
    /// Response id.
    public var id: String?
    /// Model the router says answered.
    public var model: String?
    /// `finish_reason` / `finishReason`.
    public var finishReason: String?
    /// Usage as the router reported it.
    public var usage: JSONValue?
    /// The decoded JSON body (nil for non-JSON bodies such as SSE, which keep the last event).
    public var raw: JSONValue?

    /// A normalized reply.
    public init(shape: Shape, text: String = "", images: [ImageCandidate] = [], revisedPrompts: [String?] = [],
                task: TaskInfo? = nil, id: String? = nil, model: String? = nil, finishReason: String? = nil,
                usage: JSONValue? = nil, raw: JSONValue? = nil) {
        self.shape = shape
        self.text = text
        self.images = images
        self.revisedPrompts = revisedPrompts
        self.task = task
        self.id = id
        self.model = model
        self.finishReason = finishReason
        self.usage = usage
        self.raw = raw
    }
}

/// An image received from a router: validated bytes plus where it came from.
public struct ReceivedImage: Sendable, Equatable {
    /// The validated image, bytes exactly as received.
    public var image: EncodedImage
    /// The URL it was downloaded from, if any.
    public var url: String?
    /// How it arrived.
    public var shape: Shape
    /// The router's revised prompt, if any.
    public var revisedPrompt: String?

    /// A received image.
    public init(image: EncodedImage, url: String? = nil, shape: Shape, revisedPrompt: String? = nil) {
        self.image = image
        self.url = url
        self.shape = shape
        self.revisedPrompt = revisedPrompt
    }
}

/// The outcome of one call: the reply with its images fetched and validated, and how it went.
public struct CallResult: Sendable, Equatable {
    /// The normalized reply (image candidates as found).
    public var reply: NormalizedReply
    /// The images, fetched and validated.
    public var images: [ReceivedImage]
    /// The route used.
    public var route: Route
    /// The model asked for.
    public var model: String
    /// HTTP status of the final attempt.
    public var status: Int
    /// The router's request id, when it gave one (header or error text).
    public var requestID: String?
    /// Attempts made (1 = no retry).
    public var attempts: Int
    /// Wall time of the whole call, retries included.
    public var elapsed: Duration
    /// The request body as sent on the final attempt, key-free (for the manifest).
    public var sentParameters: JSONObject

    /// A call result.
    public init(reply: NormalizedReply, images: [ReceivedImage], route: Route, model: String, status: Int,
                requestID: String? = nil, attempts: Int = 1, elapsed: Duration = .zero, sentParameters: JSONObject = JSONObject()) {
        self.reply = reply
        self.images = images
        self.route = route
        self.model = model
        self.status = status
        self.requestID = requestID
        self.attempts = attempts
        self.elapsed = elapsed
        self.sentParameters = sentParameters
    }
}
