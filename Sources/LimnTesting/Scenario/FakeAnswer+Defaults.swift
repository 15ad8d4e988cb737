import Foundation
import LimnRouter

extension FakeAnswer {
    /// What each model family answers on each route when no rule says otherwise, after
    /// router-shapes.md: gpt-image → b64 (§3.1 production check), DALL-E, Nano Banana, Seedream,
    /// Qwen and Grok → URLs (§3.2–3.4; Grok with `mime_type`), gpt-4o → plain text (§2 C2),
    /// gpt-4o-image → Chinese task text (§2 C3), Gemini image models → `inlineData` natively (§4 G1)
    /// and Markdown data URIs through chat (§7.2), anything else on chat → plain text.
    public static func defaultAnswer(model: String, route: Route) -> FakeAnswer {
        let m = model.lowercased()
        let geminiFamily = m.hasPrefix("gemini") || m.hasPrefix("nano-banana") || m.hasPrefix("imagen")
        switch route {
        case .images:
            if m.hasPrefix("grok") { return .imagesURL(mimeType: true) }
            if m.hasPrefix("dall-e") || m.hasPrefix("nano-banana") || m.contains("seedream") || m.hasPrefix("qwen-image") {
                return .imagesURL()
            }
            return .imagesB64
        case .chat:
            if m == "gpt-4o-image" { return .taskText(.chinese) }
            if geminiFamily && (m.contains("image") || m.hasPrefix("nano-banana")) { return .markdown(.dataURI, count: 1) }
            return .text()
        case .gemini:
            return .geminiInline(.camelCase)
        }
    }
}
