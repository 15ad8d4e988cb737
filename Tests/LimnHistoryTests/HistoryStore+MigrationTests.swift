import Foundation
import Testing
@testable import LimnHistory

@Suite struct HistoryStoreMigrationTests {
    @Test func migrationsAreNamedAndAppliedOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        let first = try HistoryStore.open(home: folder.url)
        let run = try first.beginRun(Fixtures.runInfo())
        let reopened = try HistoryStore.open(home: folder.url)

        #expect(HistoryStore.migrationNames == ["v1-runs-calls-images", "v2-saved-paths", "v3-pruned-images"])
        #expect(try reopened.appliedMigrations() == HistoryStore.migrationNames)
        let rows = try reopened.sqlite.read { db in
            try db.rows("SELECT identifier FROM grdb_migrations").map { $0[0] as String }
        }
        #expect(rows == ["v1-runs-calls-images", "v2-saved-paths", "v3-pruned-images"])
        #expect(try reopened.run(run) != nil, "reopening keeps the data")
    }

    @Test func anOlderHistoryIsUpgradedInPlace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent(HistoryStore.databaseName).path
        do {
            let old = try SQLiteDatabase(path: path, busyTimeout: 1)
            try HistorySchema.migrate(old, upTo: "v1-runs-calls-images")
            try old.write { db in
                try db.execute("INSERT INTO run (started, provider, limn_version) VALUES (?, 'old', '0.0.1')", [Date()])
            }
        }
        let history = try HistoryStore.open(home: folder.url)

        #expect(try history.appliedMigrations() == ["v1-runs-calls-images", "v2-saved-paths", "v3-pruned-images"])
        #expect(try history.runs().map(\.info.provider) == ["old"])
        try history.noteSaved(sha256: String(repeating: "e", count: 64), path: "/x.png", in: nil)
    }

    @Test func theDatabaseIsWALWithTheExpectedTables() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)

        let (mode, tables) = try history.sqlite.read { db in
            (try db.value("PRAGMA journal_mode", as: String.self),
             try db.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .map { $0[0] as String })
        }
        #expect(mode == "wal")
        #expect(tables == ["call", "call_image", "grdb_migrations", "image", "run", "saved"])
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("history.sqlite").path))
    }

    @Test func openingAFreshHomeFromManyStoresAtOnceMigratesOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<6 {
                group.addTask { try HistoryStore.open(home: folder.url).appliedMigrations() }
            }
            for try await applied in group {
                #expect(applied == HistoryStore.migrationNames)
            }
        }
    }

    /// A history written by earlier versions (through GRDB): its migrations table, GRDB's date
    /// text, a run, a call and an image. It opens, upgrades and reads back the same values.
    @Test func aHistoryWrittenByGRDBReadsBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent(HistoryStore.databaseName).path
        do {
            let old = try SQLiteDatabase(path: path, busyTimeout: 1)
            try HistorySchema.migrate(old, upTo: "v2-saved-paths")
            try old.write { db in
                try db.executeScript("""
                    INSERT INTO run (id, started, finished, provider, limn_version, outcome, args)
                        VALUES (7, '2026-11-20 10:11:12.345', '2026-11-20 10:11:13.000', 'crazyrouter', '0.0.9', 'succeeded', '["a"]');
                    INSERT INTO call (id, run_id, sequence, operation, model, prompt, attempts, started, elapsed_ms, parameters)
                        VALUES (3, 7, 1, 'generate', 'gpt-image-1', 'a cat', 1, '2026-11-20 10:11:12.400', 600, '{"size":"1024x1024"}');
                    INSERT INTO image (sha256, format, width, height, bytes, store_path, first_seen)
                        VALUES ('\(String(repeating: "ab", count: 32))', 'png', 1024, 1024, 1234, 'images/ab/x.png', '2026-11-20 10:11:13.000');
                    INSERT INTO call_image (call_id, image_sha256, "index") VALUES (3, '\(String(repeating: "ab", count: 32))', 0);
                    """)
            }
        }
        let history = try HistoryStore.open(home: folder.url)
        #expect(try history.appliedMigrations() == HistoryStore.migrationNames)
        let run = try #require(try history.run(RunID(rawValue: 7)))
        #expect(run.info.provider == "crazyrouter" && run.info.arguments == ["a"] && run.outcome == .succeeded)
        #expect(abs(run.info.started.timeIntervalSince1970 - 1_795_169_472.345) < 0.0005)
        let call = try #require(try history.call(CallID(rawValue: 3)))
        #expect(call.prompt == "a cat" && call.model == "gpt-image-1" && call.elapsedMilliseconds == 600)
        #expect(call.images.map(\.width) == [1024] && call.parameters["size"]?.stringValue == "1024x1024")
        // A date written now reads back to the millisecond, as the text GRDB wrote.
        #expect(SQLiteDate.text(Date(timeIntervalSince1970: 1_795_169_472.345)) == "2026-11-20 10:11:12.345")
        #expect(SQLiteDate.text(Date(timeIntervalSince1970: 0.0004)) == "1970-01-01 00:00:00.000")
        #expect(SQLiteDate.parse("2026-11-20T10:11:12") == Date(timeIntervalSince1970: 1_795_169_472))
        #expect(SQLiteDate.parse("2026-11-20 10:11") == Date(timeIntervalSince1970: 1_795_169_460))
        #expect(SQLiteDate.parse("not a date") == nil && SQLiteDate.parse("2026-11-20 10:11:12.3x") == nil)
    }
}
