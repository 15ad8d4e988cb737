import Foundation
import LimnImage
import Testing
@testable import LimnHistory

@Suite struct ImageStoreTests {
    @Test func storesUnderTwoLevelDigestPathWithFormatExtension() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = ImageStore(root: folder.url)
        let png = try Fixtures.image(1)
        let jpeg = try Fixtures.image(2, format: .jpeg)

        let pngURL = try store.store(png)
        let jpegURL = try store.store(jpeg)

        let sha = png.sha256
        let prefix = String(sha.prefix(2))
        let rest = String(sha.dropFirst(2))
        #expect(pngURL.path == folder.url.path + "/images/\(prefix)/\(rest).png")
        #expect(jpegURL.lastPathComponent == String(jpeg.sha256.dropFirst(2)) + ".jpg")
        #expect(try Data(contentsOf: pngURL) == png.bytes)
        #expect(try store.data(sha256: jpeg.sha256, format: .jpeg) == jpeg.bytes)
        #expect(folder.files() == [
            "images/\(prefix)/\(rest).png",
            "images/\(jpeg.sha256.prefix(2))/\(jpeg.sha256.dropFirst(2)).jpg",
        ].sorted())
    }

    @Test func storingTheSameBytesAgainDoesNotRewriteTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = ImageStore(root: folder.url)
        let image = try Fixtures.image(3)

        let first = try store.store(image)
        let inodeBefore = try inode(first)
        let second = try store.store(image)

        #expect(first == second)
        // An atomic rewrite renames a new inode into place, so an unchanged inode means no rewrite.
        #expect(try inode(second) == inodeBefore)
        #expect(folder.files().count == 1)
    }

    @Test func aDamagedFileIsReplacedWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = ImageStore(root: folder.url)
        let image = try Fixtures.image(4)
        let url = try store.store(image)
        try Data(image.bytes.prefix(10)).write(to: url)

        try store.store(image)

        #expect(try Data(contentsOf: url) == image.bytes)
        #expect(folder.files().count == 1, "no temporary file is left behind")
    }

    @Test func namesThatAreNotDigestsAreRefused() throws {
        let store = ImageStore(root: URL(fileURLWithPath: "/nonexistent"))
        #expect(throws: HistoryError.self) { try store.url(sha256: "../../etc/passwd", format: .png) }
        #expect(throws: HistoryError.self) { try store.url(sha256: String(repeating: "A", count: 64), format: .png) }
        #expect(!store.contains(sha256: "nope", format: .png))
    }

    @Test func concurrentWritersOfTheSameImageLeaveOneCompleteFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let image = try Fixtures.image(5, width: 300, height: 200)
        // Separate store values, as separate processes would have.
        try await withThrowingTaskGroup(of: URL.self) { group in
            for _ in 0..<16 {
                group.addTask { try ImageStore(root: folder.url).store(image) }
            }
            for try await url in group {
                #expect(try Data(contentsOf: url) == image.bytes)
            }
        }
        #expect(folder.files().count == 1)
        #expect(ImageStore(root: folder.url).contains(sha256: image.sha256, format: .png))
    }

    private func inode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return try #require(attributes[.systemFileNumber] as? Int)
    }
}
