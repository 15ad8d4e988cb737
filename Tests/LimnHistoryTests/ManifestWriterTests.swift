import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnHistory

@Suite struct ManifestWriterTests {
    private func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    @Test func eachCallIsOneJSONLineOnDiskBeforeTheWriterCloses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("runs/manifest.jsonl")
        let writer = try ManifestWriter(url: url)
        let images = [try Fixtures.image(1), try Fixtures.image(2, format: .jpeg)]
        let call = Fixtures.generateCall("a red square")

        try writer.record(call: call, result: Fixtures.result(for: call, images: images, revisedPrompt: "red square"))
        let afterOne = try ManifestReader.lines(in: try Data(contentsOf: url))
        try writer.record(call: call, result: Fixtures.result(for: call, images: []))
        let afterTwo = try text(url)

        #expect(afterOne.count == 1)
        #expect(afterTwo.hasSuffix("\n"))
        #expect(afterTwo.split(separator: "\n").count == 2)
        let line = try #require(afterOne.first)
        #expect(line["event"] == "call")
        #expect(line["seq"] == 1)
        #expect(line["operation"] == "generate")
        #expect(line["model"] == "gpt-image-1")
        #expect(line["route"] == "images")
        #expect(line["shape"] == "images-b64")
        #expect(line["status"] == 200)
        #expect(line["elapsed_ms"] == 1234)
        #expect(line["retries"] == 1)
        #expect(line["usage"] == ["total_tokens": 42])
        #expect(line["request_id"] == "req_12")
        #expect(line["error"] == .null)
        #expect(line["parameters"] == ["model": "gpt-image-1", "prompt": "a red square", "size": "1024x1024"])
        #expect(line["started"]?.stringValue.flatMap(Timestamp.parse) != nil)
        let manifestImages = try #require(line["images"]?.arrayValue)
        #expect(manifestImages.map { $0["sha256"]?.stringValue } == images.map(\.sha256))
        #expect(manifestImages.map { $0["format"]?.stringValue } == ["png", "jpeg"])
        #expect(manifestImages[0]["bytes"]?.intValue == images[0].bytes.count)
        #expect(manifestImages[0]["revised_prompt"] == "red square")
        writer.close()
    }

    @Test func failuresCarryTheirErrorKindAndMessage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("m.jsonl")
        let writer = try ManifestWriter(url: url, durability: .write)
        let call = Fixtures.generateCall("too fast")

        try writer.recordFailure(call: call, error: RouterError(.rateLimit, "slow down", status: 429, route: .images),
                                 elapsed: .seconds(2))

        let line = try #require(try ManifestReader.lines(in: Data(contentsOf: url)).first)
        #expect(line["error"] == ["kind": "rate_limit", "message": "slow down"])
        #expect(line["status"] == 429)
        #expect(line["elapsed_ms"] == 2000)
        #expect(line["images"] == [])
        #expect(line["parameters"]?["size"] == "1024x1024", "the options asked for stand in for unsent parameters")
    }

    @Test func savesAreAppendedAndFoldedBackIntoTheirImages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("m.jsonl")
        let writer = try ManifestWriter(url: url)
        let image = try Fixtures.image(7)
        let call = Fixtures.generateCall("cat")
        try writer.record(call: call, result: Fixtures.result(for: call, images: [image]))

        try writer.noteSaved(sha256: image.sha256, path: "out/cat.png")
        try writer.noteSaved(sha256: image.sha256, path: "out/cat.webp", savedSHA256: String(repeating: "b", count: 64),
                             format: "webp")

        let data = try Data(contentsOf: url)
        let lines = try ManifestReader.lines(in: data)
        #expect(lines.map { $0["event"]?.stringValue } == ["call", "saved", "saved"])
        #expect(lines[1]["path"] == "out/cat.png")
        #expect(lines[2]["format"] == "webp")
        let calls = try ManifestReader.calls(in: data)
        #expect(calls.count == 1)
        #expect(calls[0]["images"]?[0]?["saved"] == ["out/cat.png", "out/cat.webp"])
    }

    @Test func concurrentWritersProduceWholeLinesNumberedOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("m.jsonl")
        let writer = try ManifestWriter(url: url, durability: .write)
        let image = try Fixtures.image(9, width: 64, height: 64)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let call = Fixtures.generateCall("call \(index)")
                    try writer.record(call: call, result: Fixtures.result(for: call, images: [image]))
                }
            }
            try await group.waitForAll()
        }

        let lines = try ManifestReader.lines(in: Data(contentsOf: url))
        #expect(lines.count == 100)
        #expect(Set(lines.compactMap { $0["seq"]?.intValue }) == Set(1...100))
        #expect(Set(lines.compactMap { $0["prompt"]?.stringValue }).count == 100)
    }

    @Test func writingAfterCloseFails() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try ManifestWriter(url: folder.url.appendingPathComponent("m.jsonl"))
        writer.close()
        writer.close()
        #expect(throws: HistoryError.self) { try writer.noteSaved(sha256: "x", path: "y") }
    }

    @Test func reopeningReplacesUnlessAppending() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("m.jsonl")
        try ManifestWriter(url: url).noteSaved(sha256: "a", path: "1")
        try ManifestWriter(url: url).noteSaved(sha256: "b", path: "2")
        #expect(try ManifestReader.lines(in: Data(contentsOf: url)).count == 1)
        try ManifestWriter(url: url, append: true).noteSaved(sha256: "c", path: "3")
        #expect(try ManifestReader.lines(in: Data(contentsOf: url)).count == 2)
    }
}
