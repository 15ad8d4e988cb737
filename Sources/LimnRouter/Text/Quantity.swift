import Foundation

/// Sizes and durations as people write them on a command line or in limn.toml:
/// `512M`, `1.5G`, `64K`, `1048576` (bytes); `30s`, `250ms`, `2m`, `1h`, `7d`, `45` (seconds).
///
/// Suffixes are binary for sizes (K = 1024) and case-insensitive; a trailing `B` is allowed
/// (`512MB`). Parsing never accepts a negative, non-finite or overflowing value.
public enum Quantity {
    /// Bytes in `text`, or nil when it is not a size.
    public static func bytes(_ text: String) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if t.hasSuffix("IB") { t.removeLast(2); t += "B" }
        if t.hasSuffix("B"), t.count > 1, let last = t.dropLast().last, "KMGT".contains(last) { t.removeLast() }
        var scale: Double = 1
        let powers: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        if let last = t.last, let factor = powers[last] {
            scale = factor
            t.removeLast()
        } else if t.hasSuffix("B") {
            t.removeLast()
        }
        guard let value = Double(t), value.isFinite, value >= 0, !t.hasPrefix("+") else { return nil }
        let result = value * scale
        guard result < Double(Int.max / 2) else { return nil }
        return Int(result.rounded())
    }

    /// The duration in `text`, or nil when it is not one. A bare number is seconds.
    public static func duration(_ text: String) -> Duration? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        var number = Substring(t)
        var scale = 1.0
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            number = t.dropLast(suffix.count)
            scale = factor
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0, !number.hasPrefix("+") else { return nil }
        let seconds = value * scale
        guard seconds < 1e12 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// `512 MB`, `1.5 GB`, `64 KB`, `900 B` (binary units), for messages.
    public static func describe(bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 || value == value.rounded() { return "\(Int(value)) \(units[unit])" }
        return "\((value * 10).rounded() / 10) \(units[unit])"
    }

    /// `30 s`, `250 ms`, `2.5 s`, for messages.
    public static func describe(_ duration: Duration) -> String {
        let c = duration.components
        let ms = Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
        if ms < 1000 { return "\(Int(ms.rounded())) ms" }
        let s = ms / 1000
        return s == s.rounded() ? "\(Int(s)) s" : "\((s * 10).rounded() / 10) s"
    }
}
