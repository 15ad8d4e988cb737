import Foundation
import LimnImage
import LimnRouter

extension HistoryStore {
    /// Calls matching `query`, newest first, each with its images.
    public func calls(matching query: HistoryQuery = HistoryQuery()) throws -> [CallRecord] {
        var conditions: [String] = []
        var arguments: [any SQLiteConvertible] = []
        if let model = query.model {
            conditions.append("c.model GLOB ?")
            arguments += [model]
        }
        if let since = query.since {
            conditions.append("c.started >= ?")
            arguments += [since]
        }
        if let text = query.text, !text.isEmpty {
            let pattern = "%" + Self.escapeLike(text) + "%"
            conditions.append("""
                (c.prompt LIKE ? ESCAPE '\\' OR c.reply_text LIKE ? ESCAPE '\\' OR EXISTS (
                    SELECT 1 FROM call_image ci WHERE ci.call_id = c.id AND ci.revised_prompt LIKE ? ESCAPE '\\'))
                """)
            arguments += [pattern, pattern, pattern]
        }
        if let run = query.run {
            conditions.append("c.run_id = ?")
            arguments += [run.rawValue]
        }
        if let operation = query.operation {
            conditions.append("c.operation = ?")
            arguments += [operation.rawValue]
        }
        if let failed = query.failed {
            conditions.append(failed ? "c.error_kind IS NOT NULL" : "c.error_kind IS NULL")
        }
        if let prefix = query.imageSHA256Prefix {
            conditions.append("EXISTS (SELECT 1 FROM call_image ci WHERE ci.call_id = c.id AND ci.image_sha256 LIKE ? ESCAPE '\\')")
            arguments += [Self.escapeLike(prefix.lowercased()) + "%"]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(0, query.limit)]
        let sql = "SELECT c.* FROM call c \(filter) ORDER BY c.started DESC, c.id DESC LIMIT ?"
        let home = self.home
        return try reading { [arguments] db in
            let rows = try db.rows(sql, arguments)
            return try Self.records(from: rows, home: home, db: db)
        }
    }

    /// The calls that received the image `sha256` (newest first): where an image came from.
    public func calls(receiving sha256: String) throws -> [CallRecord] {
        try calls(matching: HistoryQuery(limit: 1000, imageSHA256Prefix: sha256))
    }

    /// One call by id, with its images; nil when there is no such call.
    public func call(_ id: CallID) throws -> CallRecord? {
        let home = self.home
        return try reading { db in
            let rows = try db.rows("SELECT * FROM call WHERE id = ?", [id.rawValue])
            return try Self.records(from: rows, home: home, db: db).first
        }
    }

    /// One run by id; nil when there is no such run.
    public func run(_ id: RunID) throws -> RunRecord? {
        try reading { db in
            try db.row("SELECT * FROM run WHERE id = ?", [id.rawValue]).map(Self.runRecord)
        }
    }

    /// The newest runs first.
    public func runs(limit: Int = 20) throws -> [RunRecord] {
        try reading { db in
            try db.rows("SELECT * FROM run ORDER BY started DESC, id DESC LIMIT ?", [limit])
                .map(Self.runRecord)
        }
    }

    /// Calls matching `query` as JSON values, for `limn history --json`.
    public func exportJSON(matching query: HistoryQuery = HistoryQuery()) throws -> [JSONValue] {
        try calls(matching: query).map(\.json)
    }

    /// `%`, `_` and `\` matched literally in a LIKE pattern escaped with `\`.
    static func escapeLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private static func records(from rows: [SQLiteRow], home: URL, db: SQLiteConnection) throws -> [CallRecord] {
        guard !rows.isEmpty else { return [] }
        let ids: [Int64] = rows.map { $0["id"] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let imageRows = try db.rows("""
                SELECT ci.*, i.format, i.width, i.height, i.bytes, i.store_path, i.first_seen
                FROM call_image ci JOIN image i ON i.sha256 = ci.image_sha256
                WHERE ci.call_id IN (\(placeholders)) ORDER BY ci.call_id, ci."index"
                """,
            ids)
        let digests = Set(imageRows.map { $0["image_sha256"] as String })
        var savedPaths: [String: [String]] = [:]
        if !digests.isEmpty {
            let marks = Array(repeating: "?", count: digests.count).joined(separator: ",")
            let savedRows = try db.rows("SELECT image_sha256, path FROM saved WHERE image_sha256 IN (\(marks)) ORDER BY id",
                Array(digests))
            for row in savedRows { savedPaths[row["image_sha256"], default: []].append(row["path"]) }
        }
        var imagesByCall: [Int64: [CallImageRecord]] = [:]
        for row in imageRows {
            var image = imageRecord(row, home: home)
            image.savedPaths = savedPaths[image.sha256] ?? []
            imagesByCall[row["call_id"], default: []].append(image)
        }
        return rows.map { row in callRecord(row, images: imagesByCall[row["id"]] ?? []) }
    }

    private static func callRecord(_ row: SQLiteRow, images: [CallImageRecord]) -> CallRecord {
        let errorKind: String? = row["error_kind"]
        let parameters = (row["parameters"] as String?).flatMap { try? JSONValue.parse($0) }?.objectValue
        return CallRecord(
            id: CallID(rawValue: row["id"]), runID: RunID(rawValue: row["run_id"]), sequence: row["sequence"],
            operation: row["operation"], model: row["model"], prompt: row["prompt"], route: row["route"],
            shape: row["shape"], status: row["status"], attempts: row["attempts"], started: row["started"],
            elapsedMilliseconds: row["elapsed_ms"], parameters: parameters ?? JSONObject(),
            usage: (row["usage"] as String?).flatMap { try? JSONValue.parse($0) },
            requestID: row["request_id"], replyText: row["reply_text"],
            failure: errorKind.map { CallSummary.Failure(kind: $0, message: row["error_message"] ?? "") },
            images: images)
    }

    private static func imageRecord(_ row: SQLiteRow, home: URL) -> CallImageRecord {
        let format = ImageFormat(fileExtension: row["format"] ?? "") ?? .png
        return CallImageRecord(
            index: row["index"], sha256: row["image_sha256"], format: format, width: row["width"],
            height: row["height"], byteCount: row["bytes"],
            storeURL: home.appendingPathComponent(row["store_path"] ?? "", isDirectory: false),
            shape: (row["shape"] as String?).flatMap(Shape.init(rawValue:)), revisedPrompt: row["revised_prompt"],
            url: row["url"], parentSHA256: row["parent_sha256"], firstSeen: row["first_seen"], savedPaths: [])
    }

    private static func runRecord(_ row: SQLiteRow) -> RunRecord {
        let args = (row["args"] as String?).flatMap { try? JSONValue.parse($0) }?.arrayValue?.compactMap(\.stringValue)
        var info = RunInfo(scriptPath: row["script_path"], scriptSHA256: row["script_sha256"], arguments: args ?? [],
                           provider: row["provider"], limnVersion: row["limn_version"], started: row["started"])
        info.baseURLHost = row["base_url_host"]
        return RunRecord(id: RunID(rawValue: row["id"]), info: info, finished: row["finished"],
                         outcome: RunOutcome(rawValue: row["outcome"] ?? "") ?? .running)
    }
}
