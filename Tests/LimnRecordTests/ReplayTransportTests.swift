import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnRecord

@Suite("Replay")
struct ReplayTransportTests {
    /// Records `requests` against a fake answering "answer N" to the Nth call.
    private func record(_ requests: [HTTPRequest], in cassette: Cassette) async throws {
        let recorder = RecordingTransport(wrapping: FakeTransport { _, n in Samples.text("answer \(n)") }, cassette: cassette)
        for request in requests { _ = try await recorder.send(request) }
    }

    private func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test("identical requests get their recorded answers in order, and a surplus one is refused")
    func repeatedRequestsInOrder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let same = Samples.generation(prompt: "random noise 7")
        try await record([same, Samples.generation(prompt: "other"), same, same], in: cassette)

        let replay = try ReplayTransport(cassette: cassette)
        #expect(text(try await replay.send(same)) == "answer 1")
        #expect(text(try await replay.send(same)) == "answer 3")
        #expect(text(try await replay.send(Samples.generation(prompt: "other"))) == "answer 2")
        #expect(text(try await replay.send(same)) == "answer 4")
        do {
            _ = try await replay.send(same)
            Issue.record("a fourth identical request was answered")
        } catch let error as TransportError {
            #expect(error.kind == .unreachable)
            #expect(error.message.contains("recorded 3 times"), "\(error.message)")
        }
    }

    @Test("a changed prompt fails and the error names the nearest recorded request and the difference")
    func changedPromptNamesTheDifference() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        try await record([Samples.generation(prompt: "a blue square"),
                          Samples.generation([("model", "dall-e-3"), ("prompt", "a cat")])], in: cassette)

        let replay = try ReplayTransport(cassette: cassette)
        do {
            _ = try await replay.send(Samples.generation(prompt: "a red square"))
            Issue.record("an unrecorded request was answered")
        } catch let error as TransportError {
            #expect(error.kind == .unreachable)
            #expect(error.message.contains(#"prompt: "a red square" ≠ recorded "a blue square""#), "\(error.message)")
            #expect(error.message.contains("nearest recorded request is POST /v1/images/generations (index.jsonl line 2)"),
                    "\(error.message)")
            #expect(!error.message.contains("model:"), "only the differing line is named: \(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }

    @Test("a missing or added field is named as such")
    func missingAndAddedFields() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        try await record([Samples.generation([("model", "gpt-image-1"), ("prompt", "p"), ("quality", "high")])], in: cassette)

        do {
            _ = try await ReplayTransport(cassette: cassette).send(Samples.generation([("model", "gpt-image-1"), ("prompt", "p"), ("size", "512x512")]))
            Issue.record("an unrecorded request was answered")
        } catch let error as TransportError {
            #expect(error.message.contains(#"quality: missing (recorded "high")"#), "\(error.message)")
            #expect(error.message.contains(#"size: "512x512" (not in the recording)"#), "\(error.message)")
        }
    }

    @Test("a field ignored at replay time but recorded earlier does not prevent a match")
    func ignoredFieldsApplyToOldRecordings() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        try await record([Samples.generation([("prompt", "p"), ("trace", "run-1")])], in: cassette)
        let sent = Samples.generation([("prompt", "p"), ("trace", "run-2")])

        await #expect(throws: TransportError.self) { try await ReplayTransport(cassette: cassette).send(sent) }
        var rules = RequestCanonicalizer()
        rules.ignoredFields.insert("trace")
        #expect(text(try await ReplayTransport(cassette: cassette, canonicalizer: rules).send(sent)) == "answer 1")
    }

    @Test("a request sent with no key matches one recorded with a key")
    func replayWithoutKey() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        try await record([Samples.generation(prompt: "offline")], in: cassette)
        let replay = try ReplayTransport(cassette: cassette)
        #expect(text(try await replay.send(Samples.generation(prompt: "offline", key: nil))) == "answer 1")
    }

    @Test("no cassette at the folder is a clear error when replay starts")
    func missingCassette() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: CassetteError.self) { try ReplayTransport(cassette: Cassette(folder: folder.appending("nothing"))) }
        do {
            _ = try ReplayTransport(cassette: Cassette(folder: folder.appending("nothing")))
        } catch {
            #expect(error.kind == .missing)
            #expect(error.description.contains("--record"))
        }
    }

    @Test("a body file changed after recording is detected, not replayed")
    func tamperedBodyIsDetected() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let image = Samples.noisePNG(side: 40)
        _ = try await RecordingTransport(wrapping: FakeTransport(always: Samples.b64Response(image)), cassette: cassette)
            .send(Samples.generation(prompt: "tamper"))
        var altered = image
        altered[altered.count - 20] ^= 0xFF
        try altered.write(to: cassette.bodiesURL.appendingPathComponent(SHA256Digest.hex(image) + ".png"))

        await #expect(throws: CassetteError.self) {
            try await ReplayTransport(cassette: cassette).send(Samples.generation(prompt: "tamper"))
        }
    }

    @Test("a body that is a symlink, or whose bytes no longer hash to its name, is refused")
    func symlinkedOrSwappedBodiesAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        try FileManager.default.createDirectory(at: cassette.bodiesURL, withIntermediateDirectories: true)
        let secret = folder.url.appendingPathComponent("secret.txt")
        try Data("not for recipes".utf8).write(to: secret)
        let linked = SHA256Digest.hex(Data("not for recipes".utf8)) + ".txt"
        try FileManager.default.createSymbolicLink(at: cassette.bodiesURL.appendingPathComponent(linked), withDestinationURL: secret)
        #expect { try cassette.body(named: linked) } throws: { ($0 as? CassetteError)?.message.contains("not a regular file") == true }

        let recorded = Data(#"{"answer":1}"#.utf8)
        let name = SHA256Digest.hex(recorded) + ".json"
        try Data(#"{"answer":2}"#.utf8).write(to: cassette.bodiesURL.appendingPathComponent(name))
        #expect { try cassette.body(named: name) } throws: { ($0 as? CassetteError)?.message.contains("does not hash to its name") == true }
        try recorded.write(to: cassette.bodiesURL.appendingPathComponent(name))
        #expect(try cassette.body(named: name) == recorded)
    }

    @Test("an index naming a body outside bodies/ is refused")
    func traversalIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: CassetteError.self) { try Cassette(folder: folder.url).body(named: "../../etc/passwd") }
        #expect(!CassetteBlob.isValidName("../" + String(repeating: "a", count: 61) + ".png"))
        #expect(CassetteBlob.isValidName(String(repeating: "a", count: 64) + ".png"))
    }

    @Test("a cancelled task gets a cancellation error")
    func cancellation() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        try await record([Samples.generation(prompt: "x")], in: cassette)
        let replay = try ReplayTransport(cassette: cassette)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await replay.send(Samples.generation(prompt: "x"))
        }
        await #expect(throws: TransportError(.cancelled, "the request was cancelled")) { try await task.value }
    }
}
