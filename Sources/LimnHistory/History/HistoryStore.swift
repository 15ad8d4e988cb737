import Foundation
import LimnRouter

/// The SQLite history of runs, calls and images, with the image store beside it.
///
/// One file, `<home>/history.sqlite`, in WAL mode with a busy timeout (`SQLiteDatabase`), so
/// several processes (or several stores in one process) can record at once: writes queue up,
/// none is lost, and readers never block writers. Every method is synchronous, safe to call
/// from any thread, and does disk I/O: call it off latency-sensitive threads.
public final class HistoryStore: Sendable {
    /// The folder holding the database and the image store.
    public let home: URL
    /// The content-addressed image files.
    public let images: ImageStore
    let sqlite: SQLiteDatabase

    /// The database file name inside `home`.
    public static let databaseName = "history.sqlite"

    /// How long a write waits for another process's write before failing.
    public static let busyTimeout: TimeInterval = 30

    /// The migration names this version of Limn applies, in order.
    public static var migrationNames: [String] { HistorySchema.migrationNames }

    /// Opens (creating if needed) the history in `home` and applies any migrations not yet applied.
    ///
    /// Opening and migrating happen under an exclusive file lock, so two processes opening a
    /// fresh home at once do not race to create the tables.
    public static func open(home: URL) throws -> HistoryStore {
        try HistoryStore(home: home)
    }

    private init(home: URL) throws {
        self.home = home
        self.images = ImageStore(root: home)
        try DurableFile.makeDirectories(home.path)
        let lock = try FileLock(path: home.appendingPathComponent("history.lock").path)
        sqlite = try SQLiteDatabase(path: home.appendingPathComponent(Self.databaseName).path, busyTimeout: Self.busyTimeout)
        try HistorySchema.migrate(sqlite)
        _ = consume lock
    }

    /// The migrations applied to this database, in the order they were applied.
    public func appliedMigrations() throws -> [String] {
        try reading { db in try HistorySchema.appliedMigrations(db) }
    }

    /// Records the start of a run and returns its id.
    public func beginRun(_ info: RunInfo) throws -> RunID {
        let args = JSONValue.array(info.arguments.map { .string(SecretScrubber.scrub($0)) }).jsonText
        return try database { db in
            try db.execute(
                """
                    INSERT INTO run (started, script_path, script_sha256, args, provider, base_url_host, limn_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                [info.started, info.scriptPath, info.scriptSHA256, args, info.provider, info.baseURLHost, info.limnVersion])
            return RunID(rawValue: db.lastInsertedRowID)
        }
    }

    /// Records how a run ended.
    public func finishRun(_ id: RunID, outcome: RunOutcome, at finished: Date = Date()) throws {
        try database { db in
            try db.execute("UPDATE run SET finished = ?, outcome = ? WHERE id = ?", [finished, outcome.rawValue, id.rawValue])
        }
    }

    /// Checks the database file: `PRAGMA integrity_check`'s lines (`["ok"]` when sound).
    public func integrityCheck() throws -> [String] {
        try database { db in try db.rows("PRAGMA integrity_check").map { $0[0] as String } }
    }

    /// Runs a write transaction.
    func database<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try sqlite.write(body)
    }

    /// Runs a read: one snapshot for all its statements.
    func reading<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try sqlite.read(body)
    }
}
