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

        #expect(HistoryStore.migrationNames == ["v1-runs-calls-images"])
        #expect(try reopened.appliedMigrations() == HistoryStore.migrationNames)
        let rows = try reopened.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(rows == ["v1-runs-calls-images"])
        #expect(try reopened.run(run) != nil, "reopening keeps the data")
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
        #expect(tables == ["call", "call_image", "grdb_migrations", "image", "run"])
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
                #expect(applied == ["v1-runs-calls-images"])
            }
        }
    }
}
