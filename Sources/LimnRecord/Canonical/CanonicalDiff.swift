import Foundation

/// How a request differs from a recorded one, line by line of their canonical text:
/// `prompt: "a red square" ≠ recorded "a blue square"`.
enum CanonicalDiff {
    /// One differing fact.
    struct Difference: Sendable, Equatable, CustomStringConvertible {
        /// The line label (`prompt`, `:path`, `messages[0].content[1].image_url.url`).
        var label: String
        /// The value sent, or nil when the request lacks the line.
        var sent: String?
        /// The value recorded, or nil when the recording lacks the line.
        var recorded: String?

        /// `label: sent ≠ recorded rec`, `label: sent (not in the recording)` or `label: missing (recorded rec)`.
        var description: String {
            switch (sent, recorded) {
            case let (s?, r?): "\(label): \(CanonicalDiff.clip(s)) ≠ recorded \(CanonicalDiff.clip(r))"
            case let (s?, nil): "\(label): \(CanonicalDiff.clip(s)) (not in the recording)"
            case let (nil, r?): "\(label): missing (recorded \(CanonicalDiff.clip(r)))"
            case (nil, nil): "\(label): no difference"
            }
        }
    }

    /// Values longer than this are shortened in messages.
    static let clipLength = 100

    /// The differences between `sent` and `recorded`, in the order their labels first appear.
    /// Lines with the same label (repeated form parts) are compared in order.
    static func differences(sent: CanonicalRequest, recorded: CanonicalRequest) -> [Difference] {
        let a = grouped(sent.lines)
        let b = grouped(recorded.lines)
        var labels = a.order
        for label in b.order where a.values[label] == nil { labels.append(label) }
        var out: [Difference] = []
        for label in labels {
            let x = a.values[label] ?? []
            let y = b.values[label] ?? []
            for i in 0..<max(x.count, y.count) {
                let s = i < x.count ? x[i] : nil
                let r = i < y.count ? y[i] : nil
                guard s != r else { continue }
                let shown = max(x.count, y.count) > 1 ? "\(label) #\(i + 1)" : label
                out.append(Difference(label: shown, sent: s, recorded: r))
            }
        }
        return out
    }

    private static func grouped(_ lines: [CanonicalRequest.Line]) -> (order: [String], values: [String: [String]]) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for line in lines {
            if values[line.label] == nil { order.append(line.label) }
            values[line.label, default: []].append(line.value)
        }
        return (order, values)
    }

    static func clip(_ value: String) -> String {
        value.count <= clipLength ? value : String(value.prefix(clipLength)) + "…"
    }
}
