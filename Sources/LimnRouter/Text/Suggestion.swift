/// "Did you mean …?" for mistyped keys and names: config keys, provider and route names, and
/// the options of Lua bindings all use this one rule.
public enum Suggestion {
    /// The candidate closest to `word` when it is close enough to be a likely typo: within an
    /// edit distance of a third of its length (at least 1, at most 3), or differing only in case,
    /// `_`/`-`, or a trailing `s`.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let normalizedWord = normalize(word)
        if let same = candidates.first(where: { normalize($0) == normalizedWord }) { return same }
        let limit = min(3, max(1, word.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// `; did you mean 'x'?` or nothing.
    public static func clause(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    private static func normalize(_ s: String) -> String {
        var t = s.lowercased().replacingOccurrences(of: "-", with: "_")
        if t.hasSuffix("s") { t.removeLast() }
        return t
    }

    /// Optimal string alignment distance (Levenshtein plus transpositions), on characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
