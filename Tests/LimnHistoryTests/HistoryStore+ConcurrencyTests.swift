import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnHistory

@Suite struct HistoryStoreConcurrencyTests {
    @Test func twoStoresOnOneFileRecordAllCallsFromConcurrentTasks() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let stores = [try HistoryStore.open(home: folder.url), try HistoryStore.open(home: folder.url)]
        let runs = try stores.map { try $0.beginRun(Fixtures.runInfo()) }

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (storeIndex, store) in stores.enumerated() {
                for index in 0..<50 {
                    group.addTask {
                        let seed = storeIndex * 1000 + index
                        let call = Fixtures.generateCall("store \(storeIndex) call \(index)")
                        let result = Fixtures.result(for: call, images: [try Fixtures.image(seed)])
                        try store.record(call: call, result: result, in: runs[storeIndex])
                    }
                }
            }
            try await group.waitForAll()
        }

        let all = try stores[0].calls(matching: HistoryQuery(limit: 1000))
        #expect(all.count == 100)
        #expect(Set(all.compactMap(\.prompt)).count == 100)
        for run in runs {
            let sequences = try stores[1].calls(matching: HistoryQuery(limit: 1000, run: run)).map(\.sequence)
            #expect(sequences.sorted() == Array(1...50))
        }
        #expect(try stores[1].integrityCheck() == ["ok"])
        for call in all {
            #expect(call.images.count == 1)
            #expect(try call.images.allSatisfy { try Data(contentsOf: $0.storeURL).count == $0.byteCount })
        }
    }

    @Test func aWriteWaitsForAnotherStoresOpenTransaction() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let holder = try HistoryStore.open(home: folder.url)
        let writer = try HistoryStore.open(home: folder.url)
        let run = try writer.beginRun(Fixtures.runInfo())
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)

        // One store holds the write lock for half a second on its own thread; the other must wait, not fail.
        Thread {
            _ = try? holder.database { db in
                try db.execute("INSERT INTO run (started, provider, limn_version) VALUES (?, 'holder', 'x')", [Date()])
                started.signal()
                Thread.sleep(forTimeInterval: 0.5)
            }
            finished.signal()
        }.start()
        started.wait()
        let call = Fixtures.generateCall("waits its turn")
        let clock = ContinuousClock()
        let begin = clock.now
        try writer.record(call: call, result: Fixtures.result(for: call, images: [try Fixtures.image(1)]), in: run)
        let waited = clock.now - begin
        finished.wait()

        #expect(waited > .milliseconds(200), "the write really did wait for the lock")
        #expect(try writer.calls().count == 1)
        #expect(try writer.runs().count == 2, "the holder's transaction committed too")
    }

    /// A second process (the sqlite3 shell) writes runs while this one records calls.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func anotherProcessWritingAtTheSameTimeDoesNotLoseWrites() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())

        var script = ".timeout 30000\n"
        for index in 0..<50 {
            script += """
                BEGIN IMMEDIATE;
                INSERT INTO run (started, provider, limn_version) VALUES ('2026-01-01 00:00:00.000', 'other-\(index)', 'x');
                COMMIT;

                """
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [folder.url.appendingPathComponent(HistoryStore.databaseName).path]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()

        for index in 0..<50 {
            let call = Fixtures.generateCall("local \(index)")
            try history.record(call: call, result: Fixtures.result(for: call, images: [try Fixtures.image(5000 + index)]),
                               in: run)
        }
        process.waitUntilExit()

        #expect(process.terminationStatus == 0)
        #expect(try history.calls(matching: HistoryQuery(limit: 100)).count == 50)
        #expect(try history.runs(limit: 100).count == 51)
        #expect(try history.integrityCheck() == ["ok"])
    }
}
