import Foundation
import LimnRouter
import Testing
@testable import LimnRecord

@Suite("Replay or record")
struct ReplayOrRecordTransportTests {
    @Test("only the exchange the cassette lacks reaches the router and is appended")
    func recordsOnlyTheMissingExchange() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let first = RecordingTransport(wrapping: FakeTransport { _, n in Samples.text("recorded \(n)") }, cassette: cassette)
        _ = try await first.send(Samples.generation(prompt: "a"))
        _ = try await first.send(Samples.generation(prompt: "b"))

        let router = FakeTransport { _, n in Samples.text("live \(n)") }
        let mixed = try ReplayOrRecordTransport(wrapping: router, cassette: cassette)
        let a = try await mixed.send(Samples.generation(prompt: "a"))
        let c = try await mixed.send(Samples.generation(prompt: "c"))
        let b = try await mixed.send(Samples.generation(prompt: "b"))

        #expect(String(decoding: a.body, as: UTF8.self) == "recorded 1")
        #expect(String(decoding: b.body, as: UTF8.self) == "recorded 2")
        #expect(String(decoding: c.body, as: UTF8.self) == "live 1")
        #expect(await router.callCount == 1)
        #expect(try cassette.exchangeCount() == 3)
        let replay = try ReplayTransport(cassette: cassette)
        #expect(try await replay.send(Samples.generation(prompt: "c")).body == Data("live 1".utf8))
    }

    @Test("recorded answers need no router, and a router that cannot be reached is not recorded")
    func fullyRecordedNeedsNoRouter() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        _ = try await RecordingTransport(wrapping: FakeTransport(always: Samples.text("kept")), cassette: cassette)
            .send(Samples.generation(prompt: "kept"))
        let mixed = try ReplayOrRecordTransport(wrapping: UnreachableTransport(), cassette: cassette)
        #expect(try await mixed.send(Samples.generation(prompt: "kept")).body == Data("kept".utf8))
        await #expect(throws: TransportError.self) { try await mixed.send(Samples.generation(prompt: "kept")) }
        #expect(try cassette.exchangeCount() == 1)
    }

    @Test("a repeated request beyond the recorded ones is recorded as the next occurrence")
    func extraOccurrenceRecorded() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let router = FakeTransport { _, n in Samples.text("answer \(n)") }
        let mixed = try ReplayOrRecordTransport(wrapping: router, cassette: cassette)
        _ = try await mixed.send(Samples.generation(prompt: "same"))
        let again = try ReplayOrRecordTransport(wrapping: router, cassette: cassette)
        #expect(try await again.send(Samples.generation(prompt: "same")).body == Data("answer 1".utf8))
        #expect(try await again.send(Samples.generation(prompt: "same")).body == Data("answer 2".utf8))

        let entries = try cassette.entries()
        #expect(entries.map(\.occurrence) == [1, 2])
        #expect(await router.callCount == 2)
    }

    @Test("a line cut short by a crash is ignored on reading and cut before appending")
    func crashedTailIsRepaired() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        _ = try await RecordingTransport(wrapping: FakeTransport(always: Samples.text("kept")), cassette: cassette)
            .send(Samples.generation(prompt: "kept"))
        let handle = try FileHandle(forWritingTo: cassette.indexURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"fingerprint":"abc","occ"#.utf8))
        try handle.close()
        #expect(try cassette.exchangeCount() == 1)

        let mixed = try ReplayOrRecordTransport(wrapping: FakeTransport(always: Samples.text("new")), cassette: cassette)
        _ = try await mixed.send(Samples.generation(prompt: "new"))
        #expect(try cassette.exchangeCount() == 2)
        let text = try String(contentsOf: cassette.indexURL, encoding: .utf8)
        #expect(!text.contains("occ\""))
        #expect(text.hasSuffix("}\n"))
    }
}
