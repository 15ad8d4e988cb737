import Foundation
import LimnImage

/// What the offline provider says in chat: describes input images from their pixels, edits them
/// when asked, draws when asked, and otherwise answers briefly and plainly as the offline stand-in.
public enum OfflineChat {
    /// What a chat turn asks for.
    public enum Intent: Equatable, Sendable {
        /// Describe the input images.
        case describe
        /// Apply an effect to the input images.
        case edit(EditEffect)
        /// Draw a new image from the text.
        case generate
        /// A short text answer.
        case answer
    }

    /// The intent of a user turn with `text`, whether it carries images, to `model`.
    public static func intent(text: String, hasImages: Bool, model: String) -> Intent {
        let tokens = Set(PromptScene.tokenize(text))
        if hasImages {
            let effect = EditEffect.recognized(in: text)
            let asks = !tokens.isDisjoint(with: ["describe", "what", "which", "caption", "identify", "explain", "how", "tell", "count", "compare"])
            if let effect, !asks || !tokens.isDisjoint(with: editVerbs) { return .edit(effect) }
            if !asks && !tokens.isDisjoint(with: editVerbs) { return .edit(.stylize) }
            return .describe
        }
        if asksForImage(text) || looksLikeImageModel(model) { return .generate }
        return .answer
    }

    /// Whether the text asks for a picture: "draw …", "generate an image of …", "make a picture …".
    public static func asksForImage(_ text: String) -> Bool {
        let tokens = PromptScene.tokenize(text)
        let set = Set(tokens)
        if !set.isDisjoint(with: ["draw", "paint", "illustrate", "sketch", "depict"]) { return true }
        let verbs: Set<String> = ["generate", "create", "make", "produce", "render", "design", "show", "give"]
        let nouns: Set<String> = ["image", "picture", "photo", "illustration", "drawing", "painting", "artwork",
                                  "logo", "icon", "wallpaper", "poster", "render", "portrait"]
        return !set.isDisjoint(with: verbs) && !set.isDisjoint(with: nouns)
    }

    /// Image-generation models answer with an image whatever the wording.
    static func looksLikeImageModel(_ model: String) -> Bool {
        let m = model.lowercased()
        return ["image", "dall-e", "banana", "seedream", "imagen"].contains { m.contains($0) }
    }

    private static let editVerbs: Set<String> = [
        "edit", "convert", "turn", "transform", "restyle", "stylize", "stylise", "apply", "change", "make", "redraw", "add",
    ]

    /// "One image: a 1024×1024 PNG, mostly white, with red." (and per-image sentences for several).
    public static func describe(_ images: [(width: Int, height: Int, format: ImageFormat, colors: String)],
                                remoteURLs: [String] = []) -> String {
        func one(_ i: (width: Int, height: Int, format: ImageFormat, colors: String)) -> String {
            "a \(i.width)×\(i.height) \(i.format.rawValue.uppercased()), \(i.colors)"
        }
        var text: String
        switch images.count {
        case 0: text = "I received no image I could read."
        case 1: text = "One image: \(one(images[0]))."
        default:
            text = "\(images.count) images. " + images.enumerated().map { "Image \($0.offset + 1): \(one($0.element))." }
                .joined(separator: " ")
        }
        if !remoteURLs.isEmpty {
            text += " \(remoteURLs.count == 1 ? "One image was" : "\(remoteURLs.count) images were") given by URL, which the offline provider cannot fetch."
        }
        return text + " (Described offline from the pixels.)"
    }

    /// A description of decoded input images.
    static func describe(_ input: ChatInput) -> String {
        describe(input.images.map { ($0.pixels.width, $0.pixels.height, $0.format, ColorNamer.phrase($0.pixels)) },
                 remoteURLs: input.remoteURLs)
    }

    /// The plain text answer when no image is involved.
    public static func answer(_ text: String, model: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let quoted = trimmed.count > 120 ? String(trimmed.prefix(117)) + "…" : trimmed
        let words = PromptScene.tokenize(trimmed).count
        if trimmed.isEmpty {
            return "Offline reply from \(model): the message was empty. Ask me to draw something, or send an image to describe or edit."
        }
        return "Offline reply from \(model): you wrote “\(quoted)” (\(words) word\(words == 1 ? "" : "s")). "
            + "This is Limn's built-in offline provider, so there is no language model behind it: it draws images from prompts, "
            + "applies edits such as watercolor, grayscale, sepia, invert, pixelate and sketch, and describes images. "
            + "Set LIMN_BASE_URL and LIMN_API_KEY to talk to a real router."
    }

    /// The sentence that goes with a generated image.
    static func generatedText(prompt: String) -> String {
        "Here is an offline rendering of “\(prompt.trimmingCharacters(in: .whitespacesAndNewlines))”: \(OfflineImaging.summary(prompt: prompt))."
    }

    /// The sentence that goes with an edited image.
    static func editedText(effect: EditEffect, count: Int) -> String {
        "Here is the \(count == 1 ? "image" : "combination of the \(count) images") with \(effect.title) applied (edited offline)."
    }
}
