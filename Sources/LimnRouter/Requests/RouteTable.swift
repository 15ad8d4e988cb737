/// Which route each model takes (DESIGN §3): an ordered list of glob patterns, first match wins,
/// anything unmatched goes to `chat`. Config entries go in front of the built-in ones; `via=` beats both.
public struct RouteTable: Sendable, Equatable {
    /// One rule: a model name or glob (`*` any run, `?` one character; case-insensitive) and its route.
    public struct Entry: Sendable, Equatable {
        /// `gpt-image-*`, `nano-banana*`, `gpt-4o`, …
        public var pattern: String
        /// The route for models matching `pattern`.
        public var route: Route

        /// An entry.
        public init(_ pattern: String, _ route: Route) {
            self.pattern = pattern
            self.route = route
        }

        /// Whether `model` matches the pattern.
        public func matches(_ model: String) -> Bool {
            Glob.matches(Array(pattern.lowercased().unicodeScalars), Array(model.lowercased().unicodeScalars))
        }
    }

    /// The rules in the order they are tried.
    public var entries: [Entry]
    /// The route for models no rule matches.
    public var fallback: Route

    /// A table.
    public init(entries: [Entry], fallback: Route = .chat) {
        self.entries = entries
        self.fallback = fallback
    }

    /// The table of DESIGN §3.
    public static let builtIn = RouteTable(entries: [
        Entry("gpt-4o", .chat),
        Entry("gpt-4o-image", .chat),
        Entry("gpt-image-*", .images),
        Entry("chatgpt-image*", .images),
        Entry("dall-e-*", .images),
        Entry("nano-banana*", .images),
        Entry("seedream*", .images),
        Entry("doubao-seedream*", .images),
        Entry("qwen-image*", .images),
        Entry("grok-*image*", .images),
        Entry("gemini-*-image*", .gemini),
    ])

    /// This table with `overrides` (from config) tried first, in their order.
    public func overriding(with overrides: [Entry]) -> RouteTable {
        RouteTable(entries: overrides + entries, fallback: fallback)
    }

    /// The route for `model` by the table alone.
    public func route(for model: String) -> Route {
        entries.first { $0.matches(model) }?.route ?? fallback
    }

    /// The route for a call: `via=` when given, else the table.
    public func route(for call: Call) -> Route {
        call.via ?? route(for: call.model)
    }
}

/// Glob matching with `*` and `?`, iterative with one backtrack point (linear for these patterns).
public enum Glob {
    /// Whether `text` matches `pattern` (`*` any run, `?` one character), ignoring case.
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        matches(Array(pattern.lowercased().unicodeScalars), Array(text.lowercased().unicodeScalars))
    }

    static func matches(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var p = 0, t = 0
        var star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
