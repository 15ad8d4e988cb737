import Foundation
import LimnImage
import LimnRouter

extension HistoryStore {
    /// Records a successful call: writes every image to the image store first, then inserts the
    /// call, its images and their rows in one transaction. Call it before the script sees the
    /// images: when it returns, nothing paid for can be lost.
    ///
    /// - Parameters:
    ///   - parent: the image an edit started from; by default the edit's first input image.
    ///   - started: when the call started; by default now minus its elapsed time.
    /// - Returns: the new call's id.
    @discardableResult
    public func record(call: Call, result: CallResult, in run: RunID, parent: EncodedImage? = nil,
                       parentSHA256: String? = nil, started: Date? = nil) throws -> CallID {
        try record(CallSummary(call: call, result: result, started: started, parent: parent, parentSHA256: parentSHA256),
                   in: run)
    }

    /// Records a failed call with its error kind and message. Images the error's reply carries
    /// are stored like any others.
    @discardableResult
    public func recordFailure(call: Call, error: RouterError, in run: RunID, parentSHA256: String? = nil,
                              started: Date? = nil, elapsed: Duration? = nil) throws -> CallID {
        try record(CallSummary(call: call, error: error, started: started, elapsed: elapsed, parentSHA256: parentSHA256),
                   in: run)
    }

    /// Records a call already summarized (the host builds one summary for history and manifest).
    /// With `storeImages` false (offline images, which can be drawn again) only the rows are
    /// written, the images marked as not stored.
    @discardableResult
    public func record(_ summary: CallSummary, in run: RunID, storeImages: Bool = true) throws -> CallID {
        let now = Date()
        var stored: [(image: EncodedImage, path: String)] = []
        for image in summary.images.map(\.image) + (summary.parent.map { [$0] } ?? []) {
            if storeImages { try images.store(image) }
            stored.append((image, try ImageStore.relativePath(sha256: image.sha256, format: image.format)))
        }
        return try database { db in
            for (image, path) in stored {
                try db.execute("""
                        INSERT OR IGNORE INTO image (sha256, format, width, height, bytes, store_path, first_seen, pruned_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, [image.sha256, image.format.rawValue, image.width, image.height, image.bytes.count,
                                path, now, storeImages ? nil : now])
                if storeImages {
                    // Bytes seen again after a prune are back in the store, and young again.
                    try db.execute("UPDATE image SET pruned_at = NULL, first_seen = ? WHERE sha256 = ? AND pruned_at IS NOT NULL", [now, image.sha256])
                }
            }
            let id = try insertCall(summary, run: run, db: db)
            for (index, received) in summary.images.enumerated() {
                try db.execute("""
                        INSERT INTO call_image (call_id, image_sha256, "index", revised_prompt, url, shape, parent_sha256)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, [id.rawValue, received.image.sha256, index,
                                received.revisedPrompt.map(SecretScrubber.scrub), received.url.map(SecretScrubber.scrub),
                                received.shape.rawValue, summary.parentSHA256])
            }
            return id
        }
    }

    /// Records that the script saved the image `sha256` at `path` (absolute, or as the script named it).
    public func noteSaved(sha256: String, path: String, in run: RunID?, at date: Date = Date()) throws {
        try database { db in
            try db.execute("INSERT INTO saved (run_id, image_sha256, path, saved_at) VALUES (?, ?, ?, ?)", [run?.rawValue, sha256, path, date])
        }
    }

    private func insertCall(_ s: CallSummary, run: RunID, db: SQLiteConnection) throws -> CallID {
        let sequence = try db.value("SELECT COALESCE(MAX(sequence), 0) + 1 FROM call WHERE run_id = ?", [run.rawValue], as: Int.self) ?? 1
        try db.execute("""
                INSERT INTO call (run_id, sequence, operation, model, prompt, route, shape, status, attempts, started,
                                  elapsed_ms, parameters, usage, reply_text, error_kind, error_message, request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [run.rawValue, sequence, s.operation.rawValue, s.model, s.prompt, s.route?.rawValue,
                        s.shape?.rawValue, s.status, s.attempts, s.started, s.elapsedMilliseconds,
                        s.parameters.serialized().utf8Text, s.usage?.jsonText, s.replyText, s.failure?.kind,
                        s.failure?.message, s.requestID])
        return CallID(rawValue: db.lastInsertedRowID)
    }
}

extension Data {
    /// The bytes as UTF-8 text (JSON the writer produced is always valid UTF-8).
    var utf8Text: String { String(decoding: self, as: UTF8.self) }
}
