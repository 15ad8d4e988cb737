import LimnImage

/// What a generation prompt asks to be drawn, read from its words.
///
/// "a red square on a white background" → one red square, white background;
/// "random noise 7" → seeded noise; anything else → a pattern in the prompt's colours.
struct PromptScene: Equatable, Sendable {
    /// The shapes the offline provider knows how to draw.
    enum ShapeKind: String, Sendable, CaseIterable {
        case square, rectangle, circle, ellipse, triangle, star, diamond, hexagon, stripes, checkerboard

        /// Shapes that cover the whole canvas rather than sitting in it.
        var fillsCanvas: Bool { self == .stripes || self == .checkerboard }
    }

    /// Stripe direction.
    enum Orientation: Sendable { case vertical, horizontal, diagonal }

    /// One shape phrase: "two big red circles".
    struct Shape: Equatable, Sendable {
        var kind: ShapeKind
        /// The colours named before it (or after it: "a square in red"); empty → a contrasting default.
        var colors: [RGBA]
        /// How many to draw.
        var count: Int
        /// Size as a fraction of its cell's shorter side.
        var scale: Double
    }

    /// The prompt's words, lowercased.
    let tokens: [String]
    /// The shapes, in prompt order.
    var shapes: [Shape] = []
    /// The background colour, when the prompt names one.
    var background: RGBA?
    /// Every opaque colour named, in order: the palette for patterns.
    var palette: [RGBA] = []
    /// Whether the prompt asks for noise.
    var isNoise = false
    /// Stripe direction.
    var orientation: Orientation = .vertical

    /// Reads `prompt`.
    init(prompt: String) {
        tokens = PromptScene.tokenize(prompt)
        isNoise = tokens.contains("noise") || tokens.contains("noisy")
        if tokens.contains("horizontal") { orientation = .horizontal }
        if tokens.contains("diagonal") { orientation = .diagonal }
        parse()
    }

    /// Lowercased runs of letters and digits.
    static func tokenize(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    private static let shapeWords: [String: ShapeKind] = [
        "square": .square, "squares": .square, "rectangle": .rectangle, "rectangles": .rectangle,
        "circle": .circle, "circles": .circle, "disc": .circle, "disk": .circle, "dot": .circle, "dots": .circle,
        "ellipse": .ellipse, "ellipses": .ellipse, "oval": .ellipse, "ovals": .ellipse,
        "triangle": .triangle, "triangles": .triangle, "star": .star, "stars": .star,
        "diamond": .diamond, "diamonds": .diamond, "rhombus": .diamond, "hexagon": .hexagon, "hexagons": .hexagon,
        "stripes": .stripes, "stripe": .stripes, "striped": .stripes,
        "checkerboard": .checkerboard, "checkered": .checkerboard, "chessboard": .checkerboard,
        "checker": .checkerboard, "checkers": .checkerboard,
    ]
    private static let numberWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12,
    ]
    private static let sizeWords: [String: Double] = [
        "tiny": 0.2, "small": 0.3, "little": 0.3, "big": 0.72, "large": 0.72, "huge": 0.9, "giant": 0.9,
    ]
    private static let backgroundWords: Set<String> = ["background", "backdrop", "bg", "backgrounds"]
    private static let placementWords: Set<String> = ["on", "against", "over"]

    private mutating func parse() {
        var pendingColors: [RGBA] = []
        var pendingCount: (value: Int, at: Int)?
        var pendingScale: Double?
        var i = 0
        while i < tokens.count {
            let word = tokens[i]
            if let (color, length) = ColorWords.match(tokens, at: i) {
                if color.a == 255 { palette.append(color) }
                if isBackgroundColor(at: i, length: length) {
                    if background == nil { background = color }
                } else {
                    pendingColors.append(color)
                }
                i += length
                continue
            }
            if PromptScene.backgroundWords.contains(word), background == nil {
                // "background of light blue", "background is red"
                for j in (i + 1)..<min(i + 4, tokens.count) {
                    if let (color, _) = ColorWords.match(tokens, at: j) { background = color; break }
                }
            }
            if let kind = PromptScene.shapeWords[word] {
                var colors = pendingColors
                var next = i + 1
                if colors.isEmpty, next + 1 < tokens.count, ["in", "colored", "coloured", "of"].contains(tokens[next]),
                   let (color, length) = ColorWords.match(tokens, at: next + 1) {
                    colors = [color]
                    if color.a == 255 { palette.append(color) }
                    next += 1 + length
                }
                let count = pendingCount.flatMap { i - $0.at <= 4 ? $0.value : nil } ?? 1
                shapes.append(Shape(kind: kind, colors: colors, count: max(1, min(count, 64)),
                                    scale: pendingScale ?? (kind == .circle && word.hasPrefix("dot") ? 0.25 : 0.5)))
                pendingColors = []; pendingCount = nil; pendingScale = nil
                i = next
                continue
            }
            if let n = PromptScene.numberWords[word] ?? Int(word).flatMap({ (1...64).contains($0) ? $0 : nil }) {
                pendingCount = (n, i)
            }
            if let s = PromptScene.sizeWords[word] { pendingScale = s }
            i += 1
        }
    }

    /// "on a white background", "on black", "white backdrop", "against a blue background".
    private func isBackgroundColor(at i: Int, length: Int) -> Bool {
        var after = i + length
        if after < tokens.count, ["colored", "coloured", "color", "colour"].contains(tokens[after]) { after += 1 }
        if after < tokens.count, PromptScene.backgroundWords.contains(tokens[after]) { return true }
        var before = i - 1
        if before >= 0, ["a", "an", "the", "plain", "solid"].contains(tokens[before]) { before -= 1 }
        if before >= 0, ["a", "an", "the"].contains(tokens[before]) { before -= 1 }
        return before >= 0 && PromptScene.placementWords.contains(tokens[before])
    }
}
