/// Groups of models whose requests differ on the images route.
enum ModelFamily: Equatable {
    /// `gpt-image-*`, `chatgpt-image*`: always answer base64 or a URL; `response_format` is never sent.
    case gptImage
    /// `dall-e-*`.
    case dalle
    /// `nano-banana*`, Seedream: reference images only as URLs in `image_input`, edits on `/images/generations`.
    case urlInput
    /// Anything else on the images route (Qwen, Grok, a Gemini model forced there, …): OpenAI semantics.
    case other

    init(model: String) {
        let m = model.lowercased()
        if Glob.matches(Array("gpt-image*".unicodeScalars), Array(m.unicodeScalars))
            || Glob.matches(Array("chatgpt-image*".unicodeScalars), Array(m.unicodeScalars)) {
            self = .gptImage
        } else if m.hasPrefix("dall-e") {
            self = .dalle
        } else if m.hasPrefix("nano-banana") || m.contains("seedream") {
            self = .urlInput
        } else {
            self = .other
        }
    }
}
