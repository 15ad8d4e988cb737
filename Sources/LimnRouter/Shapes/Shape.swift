/// How an answer arrived (DESIGN §3); recorded on every Reply and Image.
public enum Shape: String, Sendable, CaseIterable {
    case imagesB64 = "images-b64"
    case imagesURL = "images-url"
    case imagesStream = "images-stream"
    case multipart
    case text
    case markdownImage = "markdown-image"
    case taskText = "task-text"
    case messageImages = "message-images"
    case geminiInline = "gemini-inline"
    case geminiText = "gemini-text"
}
