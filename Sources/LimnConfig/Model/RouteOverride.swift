import LimnRouter

/// One `[routes]` entry: a model name or glob and the route it takes, with its source.
public struct RouteOverride: Sendable, Equatable {
    /// `gpt-4o-image`, `nano-banana*`, … (`*` any run, `?` one character, case-insensitive).
    public var pattern: String
    /// The route for matching models.
    public var route: Route
    /// Where the entry came from.
    public var source: ConfigSource

    /// A route override.
    public init(pattern: String, route: Route, source: ConfigSource) {
        self.pattern = pattern
        self.route = route
        self.source = source
    }

    /// The router's table entry.
    public var entry: RouteTable.Entry { RouteTable.Entry(pattern, route) }

    /// Orders entries of one layer most specific first, since TOML tables have no order: exact
    /// names before globs, then more literal characters first, then by pattern for a stable order.
    static func moreSpecific(_ a: RouteOverride, _ b: RouteOverride) -> Bool {
        let ka = a.specificity, kb = b.specificity
        if ka.isExact != kb.isExact { return ka.isExact }
        if ka.literals != kb.literals { return ka.literals > kb.literals }
        return a.pattern < b.pattern
    }

    private var specificity: (isExact: Bool, literals: Int) {
        let wildcards = pattern.filter { $0 == "*" || $0 == "?" }.count
        return (wildcards == 0, pattern.count - wildcards)
    }
}
