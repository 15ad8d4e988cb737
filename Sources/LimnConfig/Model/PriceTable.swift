import LimnRouter

/// What calls cost (`[prices."MODEL"]` in limn.toml): per image, per size, per million tokens.
/// Models are names or globs; an exact name beats a glob, and a longer glob beats a shorter one.
public struct PriceTable: Sendable, Equatable {
    /// The prices of one model (or glob).
    public struct Entry: Sendable, Equatable {
        public var pattern: String
        /// Per image returned.
        public var perImage: Double?
        /// Per image of a size (`"1024x1024"`), over `perImage`.
        public var perSize: [String: Double]
        /// Per million input (prompt) tokens.
        public var perMillionInput: Double?
        /// Per million output tokens.
        public var perMillionOutput: Double?
        /// Where it was set.
        public var source: ConfigSource

        public init(pattern: String, perImage: Double? = nil, perSize: [String: Double] = [:], perMillionInput: Double? = nil,
                    perMillionOutput: Double? = nil, source: ConfigSource = .builtIn) {
            self.pattern = pattern
            self.perImage = perImage
            self.perSize = perSize
            self.perMillionInput = perMillionInput
            self.perMillionOutput = perMillionOutput
            self.source = source
        }

        var isGlob: Bool { pattern.contains("*") || pattern.contains("?") }
    }

    /// The entries, most specific first.
    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries.sorted { a, b in
            if a.isGlob != b.isGlob { return !a.isGlob }
            return a.pattern.count > b.pattern.count
        }
    }

    /// Whether any price is set.
    public var isEmpty: Bool { entries.isEmpty }

    /// The entry for `model`, if one matches.
    public func entry(for model: String) -> Entry? {
        entries.first { Glob.matches($0.pattern, model) }
    }

    /// The cost of one call, or nil when no entry prices `model`.
    public func cost(model: String, size: String?, images: Int, tokens: TokenUsage) -> Double? {
        guard let e = entry(for: model) else { return nil }
        let imagePrice = size.flatMap { e.perSize[$0] } ?? e.perImage ?? 0
        var total = Double(images) * imagePrice
        if let p = e.perMillionInput, let n = tokens.input { total += Double(n) * p / 1_000_000 }
        if let p = e.perMillionOutput, let n = tokens.output { total += Double(n) * p / 1_000_000 }
        return total
    }
}
