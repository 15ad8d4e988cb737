import Foundation
import GRDB
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
        let rows = try reopened.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(rows == ["v1-runs-calls-images", "v2-saved-paths", "v3-pruned-images"])
        #expect(try reopened.run(run) != nil, "reopening keeps the data")
    }

    @Test func anOlderHistoryIsUpgradedInPlace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent(HistoryStore.databaseName).path
        do {
            let old = try DatabasePool(path: path)
            try HistorySchema.migrator.migrate(old, upTo: "v1-runs-calls-images")
            try old.write { db in
                try db.execute(sql: "INSERT INTO run (started, provider, limn_version) VALUES (?, 'old', '0.0.1')",
                               arguments: [Date()])
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

        let (mode, tables) = try history.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
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
}
