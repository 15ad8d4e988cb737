/// A pixel operation chosen from the words of an edit prompt.
///
/// "Convert this image to watercolor painting style" → `.watercolor`; a prompt naming no known effect
/// gets `.stylize`, a gentle warm, more saturated look, so an edit always changes pixels.
public enum EditEffect: String, Sendable, CaseIterable, Equatable {
    case watercolor, grayscale, sepia, invert, pixelate, sketch, blur, brighten, darken, stylize

    /// The effect a prompt asks for (the earliest-mentioned one), or `.stylize`.
    public init(prompt: String) {
        self = EditEffect.recognized(in: prompt) ?? .stylize
    }

    /// The effect a prompt names explicitly, or nil when it names none.
    public static func recognized(in prompt: String) -> EditEffect? {
        let tokens = PromptScene.tokenize(prompt)
        let text = " " + tokens.joined(separator: " ") + " "
        var best: (position: Int, effect: EditEffect)?
        for (phrase, effect) in phrases {
            guard let range = text.range(of: " " + phrase + " ") else { continue }
            let position = text.distance(from: text.startIndex, to: range.lowerBound)
            if best == nil || position < best?.position ?? 0 { best = (position, effect) }
        }
        return best?.effect
    }

    /// A short human name for replies ("watercolor", "pencil sketch").
    public var title: String {
        switch self {
        case .watercolor: "watercolor"
        case .grayscale: "grayscale"
        case .sepia: "sepia"
        case .invert: "inverted colours"
        case .pixelate: "pixel art"
        case .sketch: "pencil sketch"
        case .blur: "soft blur"
        case .brighten: "brightened"
        case .darken: "darkened"
        case .stylize: "gentle stylization"
        }
    }

    /// Phrases (as space-joined tokens) that select each effect. Longer phrases are listed where a
    /// shorter one would misread them ("black and white" is not "white").
    private static let phrases: [(String, EditEffect)] = [
        ("watercolor", .watercolor), ("watercolour", .watercolor), ("watercolors", .watercolor),
        ("watercolours", .watercolor), ("water color", .watercolor), ("water colour", .watercolor),
        ("aquarelle", .watercolor),
        ("grayscale", .grayscale), ("greyscale", .grayscale), ("gray scale", .grayscale),
        ("grey scale", .grayscale), ("black and white", .grayscale), ("black white", .grayscale),
        ("b w", .grayscale), ("monochrome", .grayscale), ("desaturate", .grayscale),
        ("desaturated", .grayscale), ("noir", .grayscale),
        ("sepia", .sepia), ("vintage", .sepia), ("old photo", .sepia), ("antique", .sepia),
        ("invert", .invert), ("inverted", .invert), ("negative", .invert), ("inverse", .invert),
        ("pixelate", .pixelate), ("pixelated", .pixelate), ("pixel art", .pixelate), ("pixels", .pixelate),
        ("mosaic", .pixelate), ("8 bit", .pixelate), ("8bit", .pixelate), ("retro game", .pixelate),
        ("pencil sketch", .sketch), ("sketch", .sketch), ("sketched", .sketch), ("drawing", .sketch),
        ("pencil", .sketch), ("charcoal drawing", .sketch), ("line art", .sketch),
        ("blur", .blur), ("blurry", .blur), ("blurred", .blur), ("soften", .blur), ("out of focus", .blur),
        ("bokeh", .blur),
        ("brighter", .brighten), ("brighten", .brighten), ("lighter", .brighten), ("lighten", .brighten),
        ("darker", .darken), ("darken", .darken), ("dimmer", .darken),
    ]
}
