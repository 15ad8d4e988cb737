import LimnImage

/// The colour vocabulary of prompts: names, two-word names and light/dark modifiers.
enum ColorWords {
    /// Single-word colour names (CSS values where CSS has the name).
    static let single: [String: RGBA] = [
        "red": RGBA(255, 0, 0), "green": RGBA(0, 128, 0), "blue": RGBA(0, 0, 255),
        "yellow": RGBA(255, 255, 0), "orange": RGBA(255, 165, 0), "purple": RGBA(128, 0, 128),
        "pink": RGBA(255, 192, 203), "brown": RGBA(139, 69, 19), "black": RGBA(0, 0, 0),
        "white": RGBA(255, 255, 255), "gray": RGBA(128, 128, 128), "grey": RGBA(128, 128, 128),
        "cyan": RGBA(0, 255, 255), "magenta": RGBA(255, 0, 255), "teal": RGBA(0, 128, 128),
        "navy": RGBA(0, 0, 128), "gold": RGBA(255, 215, 0), "golden": RGBA(255, 215, 0),
        "silver": RGBA(192, 192, 192), "violet": RGBA(238, 130, 238), "indigo": RGBA(75, 0, 130),
        "maroon": RGBA(128, 0, 0), "olive": RGBA(128, 128, 0), "lime": RGBA(0, 255, 0),
        "beige": RGBA(245, 245, 220), "turquoise": RGBA(64, 224, 208), "coral": RGBA(255, 127, 80),
        "salmon": RGBA(250, 128, 114), "crimson": RGBA(220, 20, 60), "lavender": RGBA(230, 230, 250),
        "tan": RGBA(210, 180, 140), "khaki": RGBA(240, 230, 140), "ivory": RGBA(255, 255, 240),
        "cream": RGBA(255, 253, 208), "charcoal": RGBA(54, 69, 79), "mint": RGBA(152, 255, 152),
        "peach": RGBA(255, 218, 185), "aqua": RGBA(0, 255, 255), "azure": RGBA(0, 127, 255),
        "emerald": RGBA(80, 200, 120), "scarlet": RGBA(255, 36, 0), "amber": RGBA(255, 191, 0),
        "rose": RGBA(255, 0, 127), "plum": RGBA(142, 69, 133), "fuchsia": RGBA(255, 0, 255),
        "chartreuse": RGBA(127, 255, 0), "bronze": RGBA(205, 127, 50), "copper": RGBA(184, 115, 51),
        "rust": RGBA(183, 65, 14), "ochre": RGBA(204, 119, 34), "lilac": RGBA(200, 162, 200),
        "mauve": RGBA(224, 176, 255), "burgundy": RGBA(128, 0, 32), "sand": RGBA(194, 178, 128),
        "sky": RGBA(135, 206, 235), "skyblue": RGBA(135, 206, 235), "sapphire": RGBA(15, 82, 186),
        "ruby": RGBA(224, 17, 95), "jade": RGBA(0, 168, 107), "cobalt": RGBA(0, 71, 171),
        "vermilion": RGBA(227, 66, 52), "sienna": RGBA(160, 82, 45), "slate": RGBA(112, 128, 144),
        "transparent": RGBA.clear,
    ]

    /// Two-word colour names, keyed "first second".
    static let double: [String: RGBA] = [
        "sky blue": RGBA(135, 206, 235), "navy blue": RGBA(0, 0, 128), "hot pink": RGBA(255, 105, 180),
        "forest green": RGBA(34, 139, 34), "royal blue": RGBA(65, 105, 225), "lime green": RGBA(50, 205, 50),
        "sea green": RGBA(46, 139, 87), "olive green": RGBA(85, 107, 47), "baby blue": RGBA(137, 207, 240),
        "midnight blue": RGBA(25, 25, 112), "blood red": RGBA(138, 7, 7), "off white": RGBA(250, 249, 246),
        "steel blue": RGBA(70, 130, 180), "brick red": RGBA(203, 65, 84), "mustard yellow": RGBA(225, 173, 1),
    ]

    /// Modifiers that lighten (`> 0`) or darken (`< 0`) the colour after them.
    static let modifiers: [String: Double] = [
        "light": 0.45, "pale": 0.6, "pastel": 0.5, "dark": -0.4, "deep": -0.3,
    ]

    /// The colour phrase starting at `tokens[i]`, if any, with how many tokens it spans.
    static func match(_ tokens: [String], at i: Int) -> (color: RGBA, length: Int)? {
        guard i < tokens.count else { return nil }
        if let amount = modifiers[tokens[i]], let (base, n) = plain(tokens, at: i + 1), base.a == 255 {
            return (amount > 0 ? mix(base, .white, amount) : mix(base, .black, -amount), n + 1)
        }
        return plain(tokens, at: i)
    }

    private static func plain(_ tokens: [String], at i: Int) -> (RGBA, Int)? {
        guard i < tokens.count else { return nil }
        if i + 1 < tokens.count, let c = double[tokens[i] + " " + tokens[i + 1]] { return (c, 2) }
        if let c = single[tokens[i]] { return (c, 1) }
        return nil
    }

    /// `a` moved towards `b` by `t` (0…1), alpha kept from `a`.
    static func mix(_ a: RGBA, _ b: RGBA, _ t: Double) -> RGBA {
        func m(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) * (1 - t) + Double(y) * t).rounded()) }
        return RGBA(m(a.r, b.r), m(a.g, b.g), m(a.b, b.b), a.a)
    }
}
