import Foundation
import LimnConfig
import LimnLua
import LimnRouter

/// What a run (or a whole `limn test`) used: calls, images, tokens, retries, wall time and,
/// when limn.toml has a `[prices]` table, what it cost.
struct UsageTotals: Equatable {
    var calls = 0
    var failed = 0
    var images = 0
    var inputTokens = 0
    var outputTokens = 0
    var retries = 0
    var seconds = 0.0
    /// The cost of the priced calls; nil when no price table is set.
    var cost: Double?
    /// Models called that the price table does not price, sorted.
    var unpriced: [String] = []

    /// Adds one call.
    mutating func add(_ a: CallAccount, prices: PriceTable) {
        calls += 1
        if a.failed { failed += 1 }
        images += a.images
        inputTokens += a.tokens.input ?? 0
        outputTokens += a.tokens.output ?? 0
        guard !prices.isEmpty else { return }
        cost = cost ?? 0
        if let c = prices.cost(model: a.model, size: a.size, images: a.images, tokens: a.tokens) {
            cost! += c
        } else if !a.failed, !unpriced.contains(a.model) {
            unpriced.append(a.model)
            unpriced.sort()
        }
    }

    /// The stderr line: `limn: 3 calls (1 failed), 2 images, 120 in / 4,000 out tokens, 1 retry, 2.4 s, $0.08`.
    var line: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [plural(calls, "call") + (failed > 0 ? " (\(failed) failed)" : ""), plural(images, "image")]
        if inputTokens > 0 || outputTokens > 0 { parts.append("\(inputTokens) in / \(outputTokens) out tokens") }
        parts.append(retries == 1 ? "1 retry" : "\(retries) retries")
        parts.append(String(format: "%.1f s", seconds))
        if let cost {
            var c = "$" + UsageTotals.money(cost)
            if !unpriced.isEmpty { c += " (no price for \(unpriced.joined(separator: ", ")))" }
            parts.append(c)
        }
        return "limn: " + parts.joined(separator: ", ")
    }

    /// The totals as JSON (`--json`).
    var json: JSONValue {
        var o: JSONObject = [
            "calls": .int(Int64(calls)), "failed": .int(Int64(failed)), "images": .int(Int64(images)),
            "input_tokens": .int(Int64(inputTokens)), "output_tokens": .int(Int64(outputTokens)),
            "retries": .int(Int64(retries)), "seconds": .double((seconds * 1000).rounded() / 1000),
        ]
        o["cost"] = cost.map { .double(($0 * 1_000_000).rounded() / 1_000_000) } ?? .null
        o["unpriced"] = .array(unpriced.map(JSONValue.string))
        return .object(o)
    }

    /// Dollars with two decimals, or up to four when under a cent.
    static func money(_ v: Double) -> String {
        v > 0 && v < 0.01 ? String(format: "%.4f", v) : String(format: "%.2f", v)
    }
}

/// Counts calls and retries as they happen, from any thread.
/// One meter can span several runs (every file of a `limn test`), each priced by its own limn.toml.
final class UsageMeter: Sendable {
    private let started = Date()
    private let state = Locked(UsageTotals())

    /// Feeds a run event; only `.callAccounted` counts, priced by `prices`.
    func handle(_ event: RunEvent, prices: PriceTable) {
        guard case .callAccounted(let account) = event else { return }
        state.withLock { $0.add(account, prices: prices) }
    }

    /// Feeds a client event; only `.retrying` counts.
    func clientEvent(_ event: ClientEvent) {
        guard case .retrying = event else { return }
        state.withLock { $0.retries += 1 }
    }

    /// Prints the totals: the stderr line unless `quiet`, and `{"totals": …}` on stdout with `json`.
    func print(quiet: Bool, json: Bool) {
        let t = totals
        if !quiet { Stderr.line(t.line) }
        if json { Swift.print(String(decoding: JSONValue.object(["totals": t.json]).serialized(), as: UTF8.self)) }
    }

    /// The totals so far, wall time measured from the meter's creation.
    var totals: UsageTotals {
        var t = state.withLock { $0 }
        t.seconds = Date().timeIntervalSince(started)
        return t
    }
}
