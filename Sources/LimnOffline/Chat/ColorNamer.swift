import LimnImage

/// Plain colour words for pixels ("red", "light gray", "dark blue"), and phrases for a whole image
/// ("mostly red, with white").
enum ColorNamer {
    /// A basic colour word for `c`.
    static func name(_ c: RGBA) -> String {
        if c.a < 128 { return "transparent" }
        let r = Double(c.r) / 255, g = Double(c.g) / 255, b = Double(c.b) / 255
        let v = max(r, g, b), mn = min(r, g, b), chroma = v - mn
        let s = v > 0 ? chroma / v : 0
        if v < 0.16 { return "black" }
        if s < 0.14 || chroma < 0.08 {
            if v > 0.9 { return "white" }
            return v > 0.65 ? "light gray" : v < 0.35 ? "dark gray" : "gray"
        }
        var hue: Double
        if v == r { hue = 60 * ((g - b) / chroma) } else if v == g { hue = 60 * ((b - r) / chroma + 2) } else { hue = 60 * ((r - g) / chroma + 4) }
        if hue < 0 { hue += 360 }
        let base: String
        switch hue {
        case ..<12, 340...:
            base = s < 0.45 && v > 0.7 ? "pink" : (v < 0.6 && s > 0.5 ? "dark red" : "red")
        case ..<42:
            base = v < 0.65 ? "brown" : (s < 0.4 ? "peach" : "orange")
        case ..<68:
            base = v < 0.6 ? "olive" : "yellow"
        case ..<160: base = "green"
        case ..<195: base = "cyan"
        case ..<255: base = "blue"
        case ..<290: base = "purple"
        default: base = s < 0.5 && v > 0.7 ? "pink" : "magenta"
        }
        if v < 0.35 && !base.hasPrefix("dark") && base != "brown" && base != "olive" { return "dark " + base }
        return base
    }

    /// Colour words with the fraction of pixels each covers, largest first.
    static func breakdown(_ image: PixelBuffer) -> [(name: String, share: Double)] {
        var shares: [String: Double] = [:]
        var order: [String] = []
        for (color, share) in image.dominantColors(count: 513) {
            let n = name(color)
            if shares[n] == nil { order.append(n) }
            shares[n, default: 0] += share
        }
        return order.map { ($0, shares[$0] ?? 0) }
            .sorted { $0.share != $1.share ? $0.share > $1.share : $0.name < $1.name }
    }

    /// "mostly red, with white", "a mix of blue, green and yellow", "entirely black".
    static func phrase(_ image: PixelBuffer) -> String {
        let parts = breakdown(image)
        guard let top = parts.first else { return "empty" }
        let rest = parts.dropFirst().filter { $0.share >= 0.06 }.prefix(3).map(\.name)
        if top.share >= 0.97 { return "entirely \(top.name)" }
        if top.share >= 0.5 {
            return rest.isEmpty ? "mostly \(top.name)" : "mostly \(top.name), with \(list(Array(rest)))"
        }
        return "a mix of " + list([top.name] + rest)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ words: [String]) -> String {
        switch words.count {
        case 0: return ""
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " and " + (words.last ?? "")
        }
    }
}
