import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnHistory

@Suite struct HistoryStoreQueryTests {
    /// Four calls an hour apart, oldest first.
    private func populated(_ folder: TemporaryFolder) throws -> (HistoryStore, [CallID]) {
        let history = try HistoryStore.open(home: folder.url)
        let run = try history.beginRun(Fixtures.runInfo())
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        let specs: [(String, String, String?)] = [
            ("a red square on white", "gpt-image-1", nil),
            ("a cat running under moonlight", "gpt-image-1", "A sleek cat sprinting at night"),
            ("100% pure_noise", "seedream-4", nil),
            ("describe this", "gpt-4o", nil),
        ]
        var ids: [CallID] = []
        for (index, (prompt, model, revised)) in specs.enumerated() {
            let call = Fixtures.generateCall(prompt, model: model)
            let result = Fixtures.result(for: call, images: [try Fixtures.image(100 + index)], revisedPrompt: revised)
            ids.append(try history.record(call: call, result: result, in: run,
                                          started: base.addingTimeInterval(Double(index) * 3600)))
        }
        return (history, ids)
    }

    @Test func newestFirstWithALimit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (history, ids) = try populated(folder)
        #expect(try history.calls().map(\.id) == ids.reversed())
        #expect(try history.calls(matching: HistoryQuery(limit: 2)).map(\.id) == [ids[3], ids[2]])
    }

    @Test func filtersByModelExactlyOrByGlob() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (history, ids) = try populated(folder)
        #expect(try history.calls(matching: HistoryQuery(model: "gpt-image-1")).map(\.id) == [ids[1], ids[0]])
        #expect(try history.calls(matching: HistoryQuery(model: "gpt-*")).map(\.id) == [ids[3], ids[1], ids[0]])
        #expect(try history.calls(matching: HistoryQuery(model: "gpt-image")).isEmpty)
    }

    @Test func filtersBySince() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (history, ids) = try populated(folder)
        let since = Date(timeIntervalSince1970: 1_800_000_000 + 2 * 3600)
        #expect(try history.calls(matching: HistoryQuery(since: since)).map(\.id) == [ids[3], ids[2]])
    }

    @Test func textSearchFindsPromptsAndRevisedPromptsIgnoringCase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (history, ids) = try populated(folder)
        #expect(try history.calls(matching: HistoryQuery(text: "MOONLIGHT")).map(\.id) == [ids[1]])
        #expect(try history.calls(matching: HistoryQuery(text: "sprinting")).map(\.id) == [ids[1]])
        #expect(try history.calls(matching: HistoryQuery(text: "square")).map(\.id) == [ids[0]])
        #expect(try history.calls(matching: HistoryQuery(text: "giraffe")).isEmpty)
    }

    @Test func textSearchTakesLikeWildcardsLiterally() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (history, ids) = try populated(folder)
        #expect(try history.calls(matching: HistoryQuery(text: "100%")).map(\.id) == [ids[2]])
        #expect(try history.calls(matching: HistoryQuery(text: "a_red")).isEmpty, "_ must not match the space in \"a red\"")
        #expect(try history.calls(matching: HistoryQuery(text: "a%white")).isEmpty, "% must not match \" red square on \"")
        #expect(try history.calls(matching: HistoryQuery(text: "pure_noise")).map(\.id) == [ids[2]])
    }

    @Test func filtersCombine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (history, ids) = try populated(folder)
        let since = Date(timeIntervalSince1970: 1_800_000_000 + 1800)
        let query = HistoryQuery(model: "gpt-image-1", since: since, text: "cat")
        #expect(try history.calls(matching: query).map(\.id) == [ids[1]])
        let otherRun = try history.beginRun(Fixtures.runInfo())
        #expect(try history.calls(matching: HistoryQuery(run: otherRun)).isEmpty)
    }

    @Test func findsTheCallThatReceivedAnImageByDigestPrefix() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (history, ids) = try populated(folder)
        let sha = try Fixtures.image(102).sha256

        #expect(try history.calls(matching: HistoryQuery(imageSHA256Prefix: String(sha.prefix(8)).uppercased())).map(\.id) == [ids[2]])
        #expect(try history.calls(receiving: sha).map(\.id) == [ids[2]])
        #expect(try history.calls(receiving: String(repeating: "0", count: 64)).isEmpty)
    }

    @Test func exportIsJSONWithImagesAndISOTimes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (history, ids) = try populated(folder)

        let exported = try history.exportJSON(matching: HistoryQuery(limit: 1))

        #expect(exported.count == 1)
        let call = try #require(exported.first)
        #expect(call["id"]?.intValue == Int(ids[3].rawValue))
        #expect(call["model"]?.stringValue == "gpt-4o")
        #expect(call["started"]?.stringValue == "2027-01-15T11:00:00.000Z")
        #expect(call["parameters"]?["size"]?.stringValue == "1024x1024")
        let image = try #require(call["images"]?[0])
        #expect(image["sha256"]?.stringValue == (try Fixtures.image(103)).sha256)
        #expect(image["path"]?.stringValue?.hasPrefix(folder.url.path + "/images/") == true)
        // The export survives a round trip through text.
        #expect(try JSONValue.parse(JSONValue.array(exported).jsonText) == .array(exported))
    }
}
