import Foundation
import LimnRouter

/// What the fake router answers a call with: one wire shape of router-shapes.md §9 (rendered from
/// the fixture named in each case's comment) or one error body. Images are real PNG/JPEG/WebP
/// files at the requested size; on the images route their number is the request's `n`.
public enum FakeAnswer: Sendable, Equatable {
    // MARK: images route

    /// `data[].b64_json` + `revised_prompt` (`images-b64.json`, §3.1 I-b64, §6.1).
    case imagesB64
    /// `data[].url` pointing at the router's (or the CDN's) `/files/…` (`images-url.json`, §3.1 I-url, §3.4);
    /// with `mimeType`, Grok-style items carrying `mime_type` and `revised_prompt` (`images-url-mime.json`, §3.3).
    case imagesURL(mimeType: Bool = false)
    /// SSE `*.partial_image` / `*.completed` events, with or without a final `data: [DONE]`
    /// (`images-stream.sse`, §6.3); `image_edit.*` events on the edits endpoint.
    case imagesStream(done: Bool = true)

    // MARK: chat route

    /// `message.content` as an array with `image_url` parts (`chat-multipart-*.json`, §2 C1, §7.3).
    case multipart(MultipartImageForm, count: Int = 1)
    /// Plain string content, no image (`chat-text.json`, §2 C2); nil echoes a description of the prompt.
    case text(String? = nil)
    /// Markdown images in string content: data URIs or URLs, `count` of them with prose around
    /// (`chat-markdown-datauri.json` / `chat-markdown-url.json`, §7.2, §9 M-datauri / M-url).
    case markdown(MarkdownImageForm, count: Int = 2)
    /// gpt-4o-image task text (`chat-task-text-*.json`, §2 C3): the JSON block, `ID: task_…`, the
    /// preview page (served by the router itself as HTML) and, except in `.headerOnly`, final links.
    case taskText(TaskTextForm = .chinese, count: Int = 1)
    /// `message.images[]` data URIs (`chat-message-images.json`, §7.1 OpenRouter/LiteLLM).
    case messageImages(count: Int = 1)
    /// Chat SSE chunks: Markdown data URIs in `delta.content` (`chat-stream.sse`, §7.2) or
    /// `delta.images` (`chat-stream-images.sse`, §7.1, §10 Q13).
    case chatStream(ChatStreamForm = .markdown, count: Int = 1)

    // MARK: gemini route

    /// `parts[].inlineData` (`gemini-inline.json`, §4 G1) or snake-case `inline_data` preceded by a
    /// thought text and a thought image (`gemini-inline-snake.json`, §4 G2 and "Thought images").
    case geminiInline(GeminiInlineForm = .camelCase, count: Int = 1)
    /// Gemini text parts with Markdown images (`gemini-text-datauri.json` / `gemini-text-url.json`, §4 G3 / G4).
    case geminiText(MarkdownImageForm = .dataURI, count: Int = 1)
    /// Gemini SSE chunks with no `[DONE]` (`gemini-stream.sse`, §4 "Streaming").
    case geminiStream(count: Int = 1)

    // MARK: errors and odd bodies

    /// An OpenAI-style error object with this status (`error-openai.json`, §1, §6.4, §7.2); status 200
    /// gives the "error on HTTP 200" case. `requestID` is appended new-api style: `(request id: …)`.
    case openAIError(status: Int, message: String, type: String, code: String?, requestID: String? = nil)
    /// A Google-style error with an integer code (`error-google.json`, §4).
    case googleError(status: Int, message: String, reason: String)
    /// A proxy's HTML error page: 502 or 524 (`error-html-502.html` / `error-html-524.html`, §1, §6.4).
    case htmlPage(status: Int)
    /// An empty body with this status (`error-empty.txt`).
    case emptyBody(status: Int)
    /// An images answer cut in half, delivered whole at the HTTP level (`images-b64.json`, truncated).
    case truncatedJSON
    /// Chat chunks then a `data: {"error":…}` event (`stream-error.sse`, §6.4).
    case streamError
    /// A redirect to `location` (for testing what follows the redirect).
    case redirect(status: Int = 302, location: String)
    /// Any status, content type and body.
    case raw(status: Int, contentType: String, body: Data)

    /// The 401 a router gives for a bad key (`invalid_api_key`, §1).
    public static let invalidKey = FakeAnswer.openAIError(status: 401, message: "Invalid API key", type: "authentication_error",
                                                          code: "invalid_api_key", requestID: "req_fake_auth")
}

/// How a multipart `image_url` part carries its image (§2 C1, §7.3).
public enum MultipartImageForm: String, Sendable, CaseIterable {
    /// `data:image/png;base64,…`
    case dataURI
    /// An https URL on the router's files host.
    case url
    /// Base64 with no `data:` prefix (kiwi-team new-api fork when its S3 upload fails).
    case bareBase64
}

/// How a Markdown image names its image.
public enum MarkdownImageForm: String, Sendable, CaseIterable {
    /// `![image](data:image/png;base64,…)`
    case dataURI
    /// `![image](http://…/files/…png)`
    case url
}

/// The three task-text forms of §2 C3.
public enum TaskTextForm: String, Sendable, CaseIterable {
    /// 数据预览 / 原始数据 links, Chinese progress lines, `[点击下载](…)` finals.
    case chinese
    /// Data Preview / Raw Data links, English progress lines, `![url](url)` finals.
    case english
    /// Only the JSON block, the ID and the preview link (what Crazyrouter's capture showed): no image.
    case headerOnly
}

/// Where a chat stream puts its images.
public enum ChatStreamForm: String, Sendable, CaseIterable {
    /// Markdown data URIs in `delta.content` (new-api Gemini→chat).
    case markdown
    /// `delta.images[]` (OpenRouter streaming).
    case deltaImages
}

/// Gemini inline-image spellings.
public enum GeminiInlineForm: String, Sendable, CaseIterable {
    /// `inlineData` / `mimeType`, with a text part and a `thoughtSignature`.
    case camelCase
    /// `inline_data` / `mime_type`, after a thought text part and a (smaller) thought image.
    case snakeCaseWithThought
}
