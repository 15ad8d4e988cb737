import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnHistory

@Suite struct HistoryStoreTests {
    @Test func aRecordedCallComesBackWithItsImages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())
        let call = Fixtures.generateCall("a cat under moonlight")
        let images = [try Fixtures.image(10), try Fixtures.image(11, format: .jpeg)]
        let started = Date(timeIntervalSince1970: 1_800_000_000.5)

        let id = try history.record(call: call, result: Fixtures.result(for: call, images: images, revisedPrompt: "a cat"),
                                    in: run, started: started)

        let record = try #require(try history.call(id))
        #expect(record.runID == run)
        #expect(record.sequence == 1)
        #expect(record.operation == "generate")
        #expect(record.model == "gpt-image-1")
        #expect(record.prompt == "a cat under moonlight")
        #expect(record.route == "images")
        #expect(record.shape == "images-b64")
        #expect(record.status == 200)
        #expect(record.attempts == 2)
        #expect(record.elapsedMilliseconds == 1234)
        #expect(abs(record.started.timeIntervalSince(started)) < 0.002)
        #expect(record.parameters == ["model": "gpt-image-1", "prompt": "a cat under moonlight", "size": "1024x1024"])
        #expect(record.usage == ["total_tokens": 42])
        #expect(record.requestID == "req_21")
        #expect(record.failure == nil)
        #expect(record.images.map(\.sha256) == images.map(\.sha256))
        #expect(record.images.map(\.format) == [.png, .jpeg])
        #expect(record.images.map(\.index) == [0, 1])
        #expect(record.images[0].revisedPrompt == "a cat")
        #expect(record.images[0].width == 4 && record.images[0].height == 3)
        #expect(record.images[1].byteCount == images[1].bytes.count)
        #expect(try Data(contentsOf: record.images[1].storeURL) == images[1].bytes)
    }

    @Test func imagesAreInTheStoreWhenRecordReturns() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())
        let call = Fixtures.generateCall("three squares")
        let images = try (20..<23).map { try Fixtures.image($0) }

        try history.record(call: call, result: Fixtures.result(for: call, images: images), in: run)

        for image in images {
            let url = try history.images.url(for: image)
            #expect(FileManager.default.contents(atPath: url.path) == image.bytes)
        }
    }

    @Test func editsRecordTheirParentAndStoreIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())
        let parent = try Fixtures.image(30)
        let child = try Fixtures.image(31)
        let call = Fixtures.editCall("watercolor", input: parent)

        let id = try history.record(call: call, result: Fixtures.result(for: call, images: [child]), in: run)

        let record = try #require(try history.call(id))
        #expect(record.operation == "edit")
        #expect(record.images.first?.parentSHA256 == parent.sha256)
        #expect(history.images.contains(sha256: parent.sha256, format: .png))
    }

    @Test func failuresKeepTheirKindMessageAndAnyReplyText() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())
        let call = Fixtures.generateCall("a dog", model: "gpt-4o")
        var answered = Fixtures.result(for: call, images: [], route: .chat, shape: .text)
        answered.reply.text = "I cannot draw, but here is a poem."
        let error = RouterError(.noImage, "gpt-4o answered in text", status: 200, model: "gpt-4o", route: .chat,
                                requestID: "req_x", reply: answered)

        let id = try history.recordFailure(call: call, error: error, in: run)

        let record = try #require(try history.call(id))
        #expect(record.failure == CallSummary.Failure(kind: "no_image", message: "gpt-4o answered in text"))
        #expect(record.replyText == "I cannot draw, but here is a poem.")
        #expect(record.route == "chat")
        #expect(record.requestID == "req_x")
        #expect(try history.calls(matching: HistoryQuery(failed: true)).map(\.id) == [id])
        #expect(try history.calls(matching: HistoryQuery(failed: false)).isEmpty)
    }

    @Test func runsRecordTheirInfoAndOutcome() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let info = Fixtures.runInfo("scripts/recipes/watercolor.lua")
        let run = try history.beginRun(info)
        #expect(try history.run(run)?.outcome == .running)

        try history.finishRun(run, outcome: .succeeded)

        let record = try #require(try history.run(run))
        #expect(record.outcome == .succeeded)
        #expect(record.finished != nil)
        #expect(record.info.scriptPath == "scripts/recipes/watercolor.lua")
        #expect(record.info.arguments == ["--size", "small"])
        #expect(record.info.baseURLHost == "api.example.com")
        #expect(record.info.limnVersion == "0.1.0-test")
        #expect(try history.runs().map(\.id) == [run])
    }

    @Test func sequencesCountWithinEachRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let first = try history.beginRun(Fixtures.runInfo())
        let second = try history.beginRun(Fixtures.runInfo())
        for (index, run) in [first, first, second, first].enumerated() {
            let call = Fixtures.generateCall("call \(index)")
            try history.record(call: call, result: Fixtures.result(for: call, images: [try Fixtures.image(40 + index)]), in: run)
        }
        let sequences = try history.calls(matching: HistoryQuery(run: first)).map(\.sequence)
        #expect(sequences.sorted() == [1, 2, 3])
        #expect(try history.calls(matching: HistoryQuery(run: second)).map(\.sequence) == [1])
    }

    @Test func savedPathsAreListedWithTheirImage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())
        let image = try Fixtures.image(50)
        let call = Fixtures.generateCall("to be saved")
        let id = try history.record(call: call, result: Fixtures.result(for: call, images: [image]), in: run)

        try history.noteSaved(sha256: image.sha256, path: "/out/cat.png", in: run)
        try history.noteSaved(sha256: image.sha256, path: "/out/cat.webp", in: run)
        try history.noteSaved(sha256: String(repeating: "d", count: 64), path: "/out/other.png", in: run)

        let record = try #require(try history.call(id))
        #expect(record.images.first?.savedPaths == ["/out/cat.png", "/out/cat.webp"])
        #expect(record.json["images"]?[0]?["saved"] == ["/out/cat.png", "/out/cat.webp"])
    }

    @Test func recordingIntoAnUnknownRunFails() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let call = Fixtures.generateCall("orphan")
        #expect(throws: HistoryError.self) {
            try history.record(call: call, result: Fixtures.result(for: call, images: []), in: RunID(rawValue: 999))
        }
    }
}
