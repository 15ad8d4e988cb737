import Foundation
import LimnImage

/// How much the history holds (`limn history du`).
public struct HistoryUsage: Sendable, Equatable {
    public var runs = 0
    public var calls = 0
    /// Images whose bodies are in the store, and their bytes.
    public var storedImages = 0
    public var storedBytes: Int64 = 0
    /// Images known by their rows only (pruned, or offline and never stored).
    public var prunedImages = 0
    /// The database file with its WAL.
    public var databaseBytes: Int64 = 0
}

/// What a prune removed (or, with `dryRun`, would remove).
public struct PruneReport: Sendable, Equatable {
    public var images = 0
    public var bytes: Int64 = 0
}

extension HistoryStore {
    /// Counts and sizes of what the history holds.
    public func usage() throws -> HistoryUsage {
        var u = try reading { db in
            var u = HistoryUsage()
            u.runs = try db.value("SELECT COUNT(*) FROM run", as: Int.self) ?? 0
            u.calls = try db.value("SELECT COUNT(*) FROM call", as: Int.self) ?? 0
            if let row = try db.row("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM image WHERE pruned_at IS NULL") {
                u.storedImages = row[0]
                u.storedBytes = row[1]
            }
            u.prunedImages = try db.value("SELECT COUNT(*) FROM image WHERE pruned_at IS NOT NULL", as: Int.self) ?? 0
            return u
        }
        for suffix in ["", "-wal", "-shm"] {
            let path = home.appendingPathComponent(Self.databaseName + suffix).path
            u.databaseBytes += Int64(DurableFile.regularFileSize(path) ?? 0)
        }
        return u
    }

    /// Removes stored image bodies, oldest first: every one first seen before `olderThan`, then
    /// more until the stored images fit in `maxSize` bytes. Rows stay, marked pruned. An image
    /// of a run still going (started in the last day and not finished) is never pruned: the
    /// recipe that paid for it may still need it.
    /// - Parameter dryRun: report what would go, remove nothing.
    @discardableResult
    public func prune(maxSize: Int64? = nil, olderThan: Date? = nil, dryRun: Bool = false, now: Date = Date()) throws -> PruneReport {
        let recent = now.addingTimeInterval(-86_400)
        struct Candidate: Sendable { let sha256: String, format: String, bytes: Int64, firstSeen: Date }
        let (candidates, total) = try reading { db -> ([Candidate], Int64) in
            let rows = try db.rows("""
                SELECT sha256, format, bytes, first_seen FROM image
                WHERE pruned_at IS NULL AND sha256 NOT IN (
                    SELECT ci.image_sha256 FROM call_image ci JOIN call c ON c.id = ci.call_id JOIN run r ON r.id = c.run_id
                    WHERE r.outcome = 'running' AND r.started > ?)
                ORDER BY first_seen ASC, sha256 ASC
                """, [recent])
            let total = try db.value("SELECT COALESCE(SUM(bytes), 0) FROM image WHERE pruned_at IS NULL", as: Int64.self) ?? 0
            return (rows.map { Candidate(sha256: $0[0], format: $0[1], bytes: $0[2], firstSeen: $0[3]) }, total)
        }
        var report = PruneReport()
        var remaining = total
        var chosen: [Candidate] = []
        for c in candidates {
            let old = olderThan.map { c.firstSeen < $0 } ?? false
            let over = maxSize.map { remaining > $0 } ?? false
            guard old || over else { continue }
            chosen.append(c)
            remaining -= c.bytes
            report.images += 1
            report.bytes += c.bytes
        }
        guard !dryRun, !chosen.isEmpty else { return report }
        // Rows first, then files: a crash between the two leaves a stray file, never a row
        // pointing at a missing body that claims to be stored.
        try database { db in
            for c in chosen {
                try db.execute("UPDATE image SET pruned_at = ? WHERE sha256 = ? AND pruned_at IS NULL", [now, c.sha256])
            }
        }
        for c in chosen {
            guard let format = ImageFormat(rawValue: c.format), let url = try? images.url(sha256: c.sha256, format: format) else { continue }
            try? FileManager.default.removeItem(at: url)
        }
        return report
    }
}
