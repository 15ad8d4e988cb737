import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnHistory

@Suite("History size: offline rows only, prune oldest first, never under a running recipe")
struct HistoryPruneTests {
    func record(_ history: HistoryStore, _ run: RunID, _ seed: Int, store: Bool = true) throws -> EncodedImage {
        let call = Fixtures.generateCall("image \(seed)")
        let image = try Fixtures.image(seed)
        try history.record(CallSummary(call: call, result: Fixtures.result(for: call, images: [image])), in: run, storeImages: store)
        return image
    }

    @Test func offlineImagesKeepTheirRowsButNoBody() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())
        let image = try record(history, run, 1, store: false)
        #expect(!history.images.contains(sha256: image.sha256, format: image.format))
        let u = try history.usage()
        #expect(u.calls == 1 && u.storedImages == 0 && u.prunedImages == 1 && u.storedBytes == 0)
        #expect(try history.calls().first?.images.first?.sha256 == image.sha256)
        // The same bytes from a live call are stored after all.
        _ = try record(history, run, 1)
        #expect(history.images.contains(sha256: image.sha256, format: image.format))
        #expect(try history.usage().storedImages == 1)
    }

    @Test func maxSizePrunesTheOldestOfFinishedRunsFirst() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let done = try history.beginRun(Fixtures.runInfo())
        var images: [EncodedImage] = []
        for seed in 1...4 {
            images.append(try record(history, done, seed))
            Thread.sleep(forTimeInterval: 0.01)  // distinct first_seen times
        }
        try history.finishRun(done, outcome: .succeeded)
        let running = try history.beginRun(Fixtures.runInfo())
        let young = try record(history, running, 9)
        let total = (images + [young]).reduce(Int64(0)) { $0 + Int64($1.bytes.count) }
        let keep = total - Int64(images[0].bytes.count) - Int64(images[1].bytes.count)

        let dry = try history.prune(maxSize: keep, dryRun: true)
        #expect(dry == PruneReport(images: 2, bytes: Int64(images[0].bytes.count + images[1].bytes.count)))
        #expect(history.images.contains(sha256: images[0].sha256, format: .png))

        let report = try history.prune(maxSize: keep)
        #expect(report == dry)
        #expect(!history.images.contains(sha256: images[0].sha256, format: .png))
        #expect(!history.images.contains(sha256: images[1].sha256, format: .png))
        #expect(history.images.contains(sha256: images[2].sha256, format: .png))
        #expect(try history.usage().storedBytes == keep)

        // Even a cap of nothing leaves the running recipe's image alone.
        try history.prune(maxSize: 0)
        #expect(history.images.contains(sha256: young.sha256, format: young.format))
        #expect(try history.usage().storedImages == 1)
        #expect(try history.calls().count == 5)
    }

    @Test func olderThanPrunesByAge() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())
        _ = try record(history, run, 1)
        try history.finishRun(run, outcome: .succeeded)
        #expect(try history.prune(olderThan: Date().addingTimeInterval(-3600)).images == 0)
        #expect(try history.prune(olderThan: Date().addingTimeInterval(1)).images == 1)
        #expect(try history.usage().prunedImages == 1)
    }
}
