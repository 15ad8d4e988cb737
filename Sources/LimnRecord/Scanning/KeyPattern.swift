import Foundation

/// The byte-level rules behind `KeyScanner`.
enum KeyPattern {
    /// A rule that matched and the byte range of the key-like token.
    struct Match {
        var rule: String
        var token: Range<Int>
    }

    /// Fixed prefixes of well-known key formats, and the least number of token bytes after them.
    private static let prefixed: [(prefix: [UInt8], minimum: Int, rule: String)] = [
        (Array("sk-".utf8), 20, "openai-key"),
        (Array("AIza".utf8), 30, "google-api-key"),
        (Array("AKIA".utf8), 16, "aws-access-key"),
        (Array("ghp_".utf8), 30, "github-token"),
        (Array("github_pat_".utf8), 30, "github-token"),
        (Array("xoxb-".utf8), 20, "slack-token"),
        (Array("xoxp-".utf8), 20, "slack-token"),
    ]

    /// Names whose value is a credential (matched case-insensitively, as a whole word).
    private static let credentialNames: [[UInt8]] = [
        "authorization", "proxy-authorization", "x-goog-api-key", "x-api-key", "api-key", "api_key", "apikey",
        "access_token", "client_secret", "secret", "password", "token", "key",
    ].map { Array($0.utf8) }

    /// Values after a credential name must be this long and this varied to count.
    private static let credentialMinimum = 20
    private static let credentialEntropy = 3.0

    /// Whether position `i` starts a word (the byte before is not a letter, digit, `_` or `-`).
    static func startsWord(_ bytes: [UInt8], at i: Int) -> Bool {
        i == 0 || !(isAlphanumeric(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: "_") || bytes[i - 1] == UInt8(ascii: "-"))
    }

    /// The first rule matching at `i`.
    static func match(_ bytes: [UInt8], at i: Int) -> Match? {
        let first = bytes[i]
        for rule in prefixed where rule.prefix[0] == first && hasPrefix(bytes, rule.prefix, at: i) {
            let end = tokenEnd(bytes, from: i + rule.prefix.count, allowing: isKeyByte)
            // Inside base64 (an inlined image) a run of key bytes is cut by `/` or `+` (or ends at
            // the `=` padding); a real key is delimited by quotes, spaces, `=`, `&` or line ends.
            let before = i > 0 ? bytes[i - 1] : 0x20
            let after = end < bytes.count ? bytes[end] : 0x20
            let cutFromBase64 = before == UInt8(ascii: "/") || before == UInt8(ascii: "+") || isBase64Punctuation(after)
            if end - (i + rule.prefix.count) >= rule.minimum, !cutFromBase64 { return Match(rule: rule.rule, token: i..<end) }
        }
        if first | 0x20 == UInt8(ascii: "b"), hasPrefix(bytes, Array("bearer".utf8), at: i, caseInsensitive: true) {
            var j = i + 6
            guard j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 else { return nil }
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            let end = tokenEnd(bytes, from: j, allowing: isTokenByte)
            if end - j >= 16 { return Match(rule: "bearer-token", token: j..<end) }
            return nil
        }
        return credentialField(bytes, at: i)
    }

    /// `name` then optional quote, spaces, one of `:` `=` `,`, spaces, optional quote, a value.
    private static func credentialField(_ bytes: [UInt8], at i: Int) -> Match? {
        for name in credentialNames where name[0] == bytes[i] | 0x20 && hasPrefix(bytes, name, at: i, caseInsensitive: true) {
            var j = i + name.count
            guard j >= bytes.count || !(isAlphanumeric(bytes[j]) || bytes[j] == UInt8(ascii: "_") || bytes[j] == UInt8(ascii: "-")) else {
                continue
            }
            skip(bytes, &j, ["\"", "'"])
            skip(bytes, &j, [" ", "\t"])
            guard j < bytes.count, [UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: ",")].contains(bytes[j]) else { continue }
            j += 1
            skip(bytes, &j, [" ", "\t"])
            skip(bytes, &j, ["\"", "'"])
            let end = tokenEnd(bytes, from: j, allowing: isTokenByte)
            guard end - j >= credentialMinimum, entropy(bytes[j..<end]) >= credentialEntropy else { continue }
            return Match(rule: "credential-field", token: j..<end)
        }
        return nil
    }

    private static func skip(_ bytes: [UInt8], _ j: inout Int, _ set: [Unicode.Scalar]) {
        while j < bytes.count, set.contains(where: { UInt8(ascii: $0) == bytes[j] }) { j += 1 }
    }

    private static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8], at i: Int, caseInsensitive: Bool = false) -> Bool {
        guard i + prefix.count <= bytes.count else { return false }
        for k in 0..<prefix.count {
            let b = caseInsensitive ? lowercased(bytes[i + k]) : bytes[i + k]
            if b != prefix[k] { return false }
        }
        return true
    }

    private static func tokenEnd(_ bytes: [UInt8], from start: Int, allowing allowed: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count, allowed(bytes[end]) { end += 1 }
        return end
    }

    /// Shannon entropy in bits per byte: random keys score ~4–6, words and repeated text lower.
    static func entropy(_ token: ArraySlice<UInt8>) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for b in token { counts[Int(b)] += 1 }
        let n = Double(token.count)
        return counts.reduce(0.0) { sum, c in c == 0 ? sum : sum - Double(c) / n * log2(Double(c) / n) }
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    private static func isKeyByte(_ b: UInt8) -> Bool { isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        isKeyByte(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "~") || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
            || b == UInt8(ascii: "=")
    }

    private static func isBase64Punctuation(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "/") || b == UInt8(ascii: "+") || b == UInt8(ascii: "=")
    }

    private static func lowercased(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
}
