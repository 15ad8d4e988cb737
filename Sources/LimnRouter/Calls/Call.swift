import Foundation
import LimnImage

/// The three routes a call can take (DESIGN §3).
public enum Route: String, Sendable, CaseIterable {
    /// `/v1/images/generations` and `/v1/images/edits`.
    case images
    /// `/v1/chat/completions`.
    case chat
    /// `/v1beta/models/{model}:generateContent`.
    case gemini
}

/// What the script asked for.
public enum Operation: String, Sendable, CaseIterable {
    case generate, edit, chat
}

/// An image given to a call as input, with the URL it came from when it came from one.
public struct InputImage: Sendable, Equatable {
    /// The validated image.
    public var image: EncodedImage
    /// The URL the image was fetched from, if any (routes that take URLs pass it on).
    public var sourceURL: String?

    /// An input image.
    public init(image: EncodedImage, sourceURL: String? = nil) {
        self.image = image
        self.sourceURL = sourceURL
    }
}

/// One part of a chat turn.
public enum ChatPart: Sendable, Equatable {
    case text(String)
    case image(InputImage)
}

/// One chat message.
public struct ChatMessage: Sendable, Equatable {
    /// `system`, `user` or `assistant`.
    public var role: String
    /// Text and image parts in order.
    public var parts: [ChatPart]

    /// A message.
    public init(role: String, parts: [ChatPart]) {
        self.role = role
        self.parts = parts
    }
}

/// Options shared by the image operations and chat. nil means "not given": the request omits it.
public struct CallOptions: Sendable, Equatable {
    public var n: Int?
    public var size: String?
    public var quality: String?
    public var background: String?
    /// Output format asked of the router: `png`, `jpeg` or `webp`.
    public var format: String?
    /// Output compression 0–100 (jpeg/webp).
    public var compression: Int?
    /// `input_fidelity` for edits.
    public var fidelity: String?
    /// Chat: `max_tokens`.
    public var maxTokens: Int?
    /// Chat: `temperature`.
    public var temperature: Double?
    /// Chat: a system prompt.
    public var system: String?

    /// Empty options.
    public init() {}
}

/// A call the script made, before it is turned into a request for one route.
public struct Call: Sendable, Equatable {
    /// generate, edit or chat.
    public var operation: Operation
    /// The model name as the router knows it.
    public var model: String
    /// The prompt for generate/edit (chat carries its text in `messages`).
    public var prompt: String?
    /// Input images for edit (first one is the one a mask applies to).
    public var images: [InputImage]
    /// The edit mask: transparent pixels mark where to edit.
    public var mask: InputImage?
    /// Chat messages (for chat, and for generate/edit sent on the chat route).
    public var messages: [ChatMessage]
    /// Named options.
    public var options: CallOptions
    /// Merged into the request body as-is (`extra=`).
    public var extra: JSONObject
    /// A route forced by `via=`.
    public var via: Route?
    /// Per-call deadline (`timeout=`).
    public var timeout: Duration?
    /// Per-call retry count (`retries=`).
    public var retries: Int?

    /// A call.
    public init(operation: Operation, model: String, prompt: String? = nil, images: [InputImage] = [], mask: InputImage? = nil,
                messages: [ChatMessage] = [], options: CallOptions = CallOptions(), extra: JSONObject = JSONObject(),
                via: Route? = nil, timeout: Duration? = nil, retries: Int? = nil) {
        self.operation = operation
        self.model = model
        self.prompt = prompt
        self.images = images
        self.mask = mask
        self.messages = messages
        self.options = options
        self.extra = extra
        self.via = via
        self.timeout = timeout
        self.retries = retries
    }
}
