import Foundation
import LimnRouter

/// Which recorded answer goes to which request, as a plain value: identical requests are
/// answered in the order they were recorded (the first answer to the first occurrence, …), and a
/// request with no answer left gets an explanation naming the nearest recorded request.
struct ReplayQueue: Sendable {
    /// Every recorded exchange, in index order.
    let entries: [CassetteEntry]
    /// Entry positions not yet served, per fingerprint, in occurrence order.
    private var pending: [String: ArraySlice<Int>]
    /// How many answers each fingerprint has had.
    private var served: [String: Int] = [:]

    /// A queue over `entries`, their requests under `canonicalizer`'s ignored fields.
    init(entries recorded: [CassetteEntry], canonicalizer: RequestCanonicalizer = RequestCanonicalizer()) {
        let entries = recorded.map { entry in
            var entry = entry
            entry.fingerprint = RequestFingerprint(canonicalizer.applyingIgnoredFields(to: entry.request))
            return entry
        }
        self.entries = entries
        var positions: [String: [Int]] = [:]
        for (i, entry) in entries.enumerated() { positions[entry.fingerprint.sha256, default: []].append(i) }
        pending = positions.mapValues { list in
            ArraySlice(list.sorted { (entries[$0].occurrence, $0) < (entries[$1].occurrence, $1) })
        }
    }

    /// The next recorded exchange for `fingerprint`, or nil when none is left.
    mutating func next(for fingerprint: RequestFingerprint) -> CassetteEntry? {
        guard let position = pending[fingerprint.sha256]?.popFirst() else { return nil }
        served[fingerprint.sha256, default: 0] += 1
        return entries[position]
    }

    /// The highest occurrence recorded per fingerprint (where new recordings continue from).
    var recordedOccurrences: [String: Int] {
        entries.reduce(into: [:]) { counts, entry in
            counts[entry.fingerprint.sha256] = max(counts[entry.fingerprint.sha256] ?? 0, entry.occurrence)
        }
    }

    /// Why `fingerprint` has no answer, in one line: the nearest recorded request and how the
    /// request differs from it, or that its recorded answers are used up.
    func missMessage(for fingerprint: RequestFingerprint, in cassette: Cassette) -> String {
        let request = fingerprint.canonical
        let place = cassette.folder.path
        guard !entries.isEmpty else {
            return "replay: no recorded answer for \(request.summary): the recording at \(place) holds no exchanges; record it with --record"
        }
        if let count = served[fingerprint.sha256] {
            return "replay: \(request.summary) was recorded \(count) time\(count == 1 ? "" : "s") in \(place) and this is "
                + "request \(count + 1) with the same content; re-record, or replay-or-record to add the missing answer"
        }
        var best: (position: Int, rank: (Int, Int), differences: [CanonicalDiff.Difference])?
        var seen = Set<String>()
        for (position, entry) in entries.enumerated() where seen.insert(entry.fingerprint.sha256).inserted {
            let differences = CanonicalDiff.differences(sent: request, recorded: entry.request)
            let rank = (entry.request.summary == request.summary ? 0 : 1, differences.count)
            if best == nil || rank < (best?.rank ?? rank) { best = (position, rank, differences) }
        }
        guard let best else { return "replay: no recorded exchange matches \(request.summary) in \(place)" }
        let nearest = entries[best.position].request
        let shown = best.differences.prefix(6).map(\.description)
        let more = best.differences.count > shown.count ? "; and \(best.differences.count - shown.count) more" : ""
        return "replay: no recorded exchange matches \(request.summary) in \(place); nearest recorded request is "
            + "\(nearest.summary) (\(Cassette.indexName) line \(best.position + 2)): " + shown.joined(separator: "; ") + more
    }
}
