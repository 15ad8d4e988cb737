import Foundation
import LimnImage

/// Colours for patterns: the prompt's own colours, filled out to four, or a harmonious set from the seed.
struct Palette: Sendable {
    /// Four or more colours; the first two make the background gradient.
    var colors: [RGBA]

    init(named: [RGBA], random: inout SeededRandom) {
        var unique: [RGBA] = []
        for c in named where !unique.contains(c) { unique.append(c) }
        switch unique.count {
        case 0:
            // Analogous hues around a random base, plus one complementary accent.
            let hue = random.unit()
            let turn = random.unit() < 0.5 ? 0.07 : -0.07
            colors = [
                Palette.hsl(hue, 0.5, 0.18), Palette.hsl(hue + turn, 0.55, 0.42),
                Palette.hsl(hue + 2 * turn, 0.65, 0.6), Palette.hsl(hue + 0.5, 0.6, 0.68),
                Palette.hsl(hue + turn / 2, 0.7, 0.85),
            ]
        case 1:
            let c = unique[0]
            colors = [ColorWords.mix(c, .black, 0.55), c, ColorWords.mix(c, .white, 0.35),
                      ColorWords.mix(c, .white, 0.7), ColorWords.mix(c, .black, 0.25)]
        case 2:
            colors = [unique[0], unique[1], ColorWords.mix(unique[0], unique[1], 0.5),
                      ColorWords.mix(unique[0], .white, 0.5), ColorWords.mix(unique[1], .white, 0.5)]
        default:
            colors = unique
        }
    }

    /// A colour from hue (turns, wraps), saturation and lightness in 0…1.
    static func hsl(_ h: Double, _ s: Double, _ l: Double) -> RGBA {
        let hue = h - h.rounded(.down)
        let c = (1 - abs(2 * l - 1)) * s
        let x = c * (1 - abs((hue * 6).truncatingRemainder(dividingBy: 2) - 1))
        let m = l - c / 2
        let (r, g, b): (Double, Double, Double)
        switch Int(hue * 6) {
        case 0: (r, g, b) = (c, x, 0)
        case 1: (r, g, b) = (x, c, 0)
        case 2: (r, g, b) = (0, c, x)
        case 3: (r, g, b) = (0, x, c)
        case 4: (r, g, b) = (x, 0, c)
        default: (r, g, b) = (c, 0, x)
        }
        func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, ((v + m) * 255).rounded()))) }
        return RGBA(byte(r), byte(g), byte(b))
    }
}
