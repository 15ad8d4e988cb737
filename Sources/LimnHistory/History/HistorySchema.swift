/// The history's tables, as named migrations. A migration, once released, is never edited:
/// a change is a new migration appended here.
enum HistorySchema {
    /// The migrations in the order they apply.
    static let migrationNames = ["v1-runs-calls-images", "v2-saved-paths", "v3-pruned-images"]

    /// The table of applied migrations, one row per name. It keeps the name it had when GRDB's
    /// migrator kept it, so every existing history upgrades in place.
    static let migrationsTable = "grdb_migrations"

    private static var scripts: [(name: String, sql: String)] {
        [("v1-runs-calls-images", v1), ("v2-saved-paths", v2), ("v3-pruned-images", v3)]
    }

    /// Applies, in one write transaction, each migration not yet applied, in order (up to and
    /// including `last` when given).
    static func migrate(_ database: SQLiteDatabase, upTo last: String? = nil) throws {
        try database.write { db in
            try db.execute("CREATE TABLE IF NOT EXISTS \(migrationsTable) (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = Set(try db.rows("SELECT identifier FROM \(migrationsTable)").map { $0[0] as String })
            for script in scripts {
                if !applied.contains(script.name) {
                    try db.executeScript(script.sql)
                    try db.execute("INSERT INTO \(migrationsTable) (identifier) VALUES (?)", [script.name])
                }
                if script.name == last { break }
            }
        }
    }

    /// The migrations this version knows that the database has applied, in order.
    static func appliedMigrations(_ db: SQLiteConnection) throws -> [String] {
        let applied = Set(try db.rows("SELECT identifier FROM \(migrationsTable)").map { $0[0] as String })
        return migrationNames.filter(applied.contains)
    }

    /// Dates are UTC text (`YYYY-MM-DD HH:MM:SS.SSS`, `SQLiteDate`), which sorts and compares as text.
    /// JSON columns hold compact JSON. `image.store_path` is relative to the home folder.
    /// `parent_sha256` has no foreign key: a parent known only by its digest is still recorded.
    private static let v1 = """
        CREATE TABLE run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started DATETIME NOT NULL,
            finished DATETIME,
            script_path TEXT,
            script_sha256 TEXT,
            args TEXT NOT NULL DEFAULT '[]',
            provider TEXT NOT NULL,
            base_url_host TEXT,
            limn_version TEXT NOT NULL,
            outcome TEXT NOT NULL DEFAULT 'running'
        );
        CREATE TABLE call (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            sequence INTEGER NOT NULL,
            operation TEXT NOT NULL,
            model TEXT NOT NULL,
            prompt TEXT,
            route TEXT,
            shape TEXT,
            status INTEGER,
            attempts INTEGER NOT NULL,
            started DATETIME NOT NULL,
            elapsed_ms INTEGER NOT NULL,
            parameters TEXT NOT NULL,
            usage TEXT,
            reply_text TEXT,
            error_kind TEXT,
            error_message TEXT,
            request_id TEXT,
            UNIQUE (run_id, sequence)
        );
        CREATE INDEX call_by_started ON call(started);
        CREATE INDEX call_by_model ON call(model, started);
        CREATE TABLE image (
            sha256 TEXT NOT NULL PRIMARY KEY,
            format TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            store_path TEXT NOT NULL,
            first_seen DATETIME NOT NULL
        );
        CREATE TABLE call_image (
            call_id INTEGER NOT NULL REFERENCES call(id) ON DELETE CASCADE,
            image_sha256 TEXT NOT NULL REFERENCES image(sha256),
            "index" INTEGER NOT NULL,
            revised_prompt TEXT,
            url TEXT,
            shape TEXT,
            parent_sha256 TEXT,
            PRIMARY KEY (call_id, "index")
        );
        CREATE INDEX call_image_by_image ON call_image(image_sha256);
        CREATE INDEX call_image_by_parent ON call_image(parent_sha256);
        """

    /// Where the script saved images (`save(img, path)`), so `limn history show` can point at the files.
    private static let v2 = """
        CREATE TABLE saved (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER REFERENCES run(id) ON DELETE CASCADE,
            image_sha256 TEXT NOT NULL,
            path TEXT NOT NULL,
            saved_at DATETIME NOT NULL
        );
        CREATE INDEX saved_by_image ON saved(image_sha256);
        """

    /// An image whose body is not in the store: pruned (`limn history prune`, `max_size`) or
    /// never written (offline images). Its rows stay; `pruned_at` says since when.
    private static let v3 = """
        ALTER TABLE image ADD COLUMN pruned_at DATETIME;
        CREATE INDEX image_by_first_seen ON image(first_seen);
        """
}
