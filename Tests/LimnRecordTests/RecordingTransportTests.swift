import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnRecord

@Suite("Recording and replaying")
struct RecordingTransportTests {
    @Test("a 1 MB image answer replays byte for byte, stored as bodies/<sha256>.png with a small index")
    func imageRoundTrip() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let image = Samples.noisePNG(side: 512)
        #expect(image.count > 1_000_000)
        let fake = FakeTransport(always: Samples.b64Response(image))
        let cassette = Cassette(folder: folder.url)

        let live = try await RecordingTransport(wrapping: fake, cassette: cassette).send(Samples.generation(prompt: "a red square"))
        let replayed = try await ReplayTransport(cassette: cassette).send(Samples.generation(prompt: "a red square"))

        #expect(replayed == live)
        #expect(replayed.body == Samples.b64Response(image).body)
        let file = cassette.bodiesURL.appendingPathComponent(SHA256Digest.hex(image) + ".png")
        #expect(try Data(contentsOf: file) == image)
        let index = try Data(contentsOf: cassette.indexURL)
        #expect(index.count < 4096)
        #expect(Samples.longestBase64Run(in: index) < 100)
        #expect(String(decoding: index, as: UTF8.self).contains("@sha256:\(SHA256Digest.hex(image)).png"))
        #expect(await fake.callCount == 1)
    }

    @Test("the index is a header and one sorted-key JSON object per exchange, with the request readable")
    func indexIsReadable() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let recorder = RecordingTransport(wrapping: FakeTransport(always: Samples.text("fine")), cassette: cassette)
        _ = try await recorder.send(Samples.generation(prompt: "a red square"))
        _ = try await recorder.send(Samples.generation(prompt: "a blue square"))

        let lines = try String(contentsOf: cassette.indexURL, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"format":"limn-cassette","version":1}"#)
        let first = try JSONValue.parse(String(lines[1]))
        #expect(first.objectValue?.keys == ["fingerprint", "occurrence", "request", "response"])
        #expect(first["request"]?["json"]?["prompt"] == "a red square")
        #expect(first["request"]?["path"] == "/v1/images/generations")
        #expect(first["response"]?["body"]?["text"] == "fine")
        #expect(lines[1].hasPrefix(#"{"fingerprint":""#))
        #expect(lines[2].contains(#""prompt":"a blue square""#))
    }

    /// Bodies of every shape a router answers with; each must come back exactly.
    static let shapes: [(name: String, response: HTTPResponse, externalizes: Bool)] = {
        let image = Samples.noisePNG(side: 48, seed: 3)
        let b64 = image.base64EncodedString()
        let jpeg = (try? EncodedImage.encode(PixelBuffer(width: 40, height: 30, fill: RGBA(200, 10, 10)), as: .jpeg).bytes) ?? Data()
        func json(_ text: String) -> HTTPResponse {
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(text.utf8))
        }
        return [
            ("chat markdown data URI", json(#"{"choices":[{"message":{"content":"Here: ![cat](data:image/png;base64,\#(b64)) done."}}]}"#), true),
            ("gemini inlineData, pretty-printed", json("{\n  \"candidates\": [ {\n    \"content\": {\"parts\": [{\"inlineData\": {\"mimeType\": \"image/jpeg\",\n      \"data\": \"\(jpeg.base64EncodedString())\"}}]}\n  } ]\n}\r\n"), true),
            ("server-sent events", HTTPResponse(status: 200, headers: ["Content-Type": "text/event-stream"], body: Data(
                "event: image_generation.partial_image\ndata: {\"partial_image_b64\":\"\(b64)\"}\n\nevent: image_generation.completed\ndata: {\"b64_json\":\"\(b64)\"}\n\n".utf8)), true),
            ("the same image twice", json(#"{"data":[{"b64_json":"\#(b64)"},{"b64_json":"\#(b64)"}]}"#), true),
            ("a raw PNG download", HTTPResponse(status: 200, headers: ["Content-Type": "image/png"], body: image), true),
            ("base64 with escaped slashes", json(#"{"data":[{"b64_json":"\#(b64.replacingOccurrences(of: "/", with: "\\/"))"}]}"#), false),
            ("a body already holding a token", json(#"{"note":"@sha256:x","data":[{"b64_json":"\#(b64)"}]}"#), false),
            ("short text with control characters and emoji", json("{\"t\":\"tab\\t é 🎨\",\"nul\":\"\u{0}\"}\r\n"), false),
            ("binary, not UTF-8", HTTPResponse(status: 200, body: Data([0xFF, 0xFE, 0x00, 0x81, 0x0A])), false),
            ("no content", HTTPResponse(status: 204, headers: ["Retry-After": "3"]), false),
            ("a long text answer", json(#"{"choices":[{"message":{"content":"\#(String(repeating: "words and more words. ", count: 400))"}}]}"#), false),
        ]
    }()

    @Test("every response shape replays byte for byte", arguments: shapes.indices)
    func shapeRoundTrip(_ index: Int) async throws {
        let shape = Self.shapes[index]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let request = Samples.generation(prompt: shape.name)
        _ = try await RecordingTransport(wrapping: FakeTransport(always: shape.response), cassette: cassette).send(request)
        let replayed = try await ReplayTransport(cassette: cassette).send(request)

        #expect(replayed.body == shape.response.body, "\(shape.name)")
        #expect(replayed.status == shape.response.status)
        #expect(replayed.headers == shape.response.headers)
        let index = try Data(contentsOf: cassette.indexURL)
        #expect(Samples.longestBase64Run(in: index) < 200, "\(shape.name): base64 inlined in the index")
        let imageFiles = try FileManager.default.contentsOfDirectory(atPath: cassette.bodiesURL.path)
            .filter { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") }
        #expect(!imageFiles.isEmpty == shape.externalizes, "\(shape.name): image files \(imageFiles)")
    }

    @Test("a transport failure is recorded and replays as the same error, then the retry's answer")
    func failureReplays() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let fake = FakeTransport { _, n in
            if n == 1 { throw TransportError(.timeout, "no answer within 600 s") }
            return Samples.text("second try")
        }
        let recorder = RecordingTransport(wrapping: fake, cassette: cassette)
        await #expect(throws: TransportError(.timeout, "no answer within 600 s")) {
            try await recorder.send(Samples.generation(prompt: "slow"))
        }
        _ = try await recorder.send(Samples.generation(prompt: "slow"))

        let replay = try ReplayTransport(cassette: cassette)
        await #expect(throws: TransportError(.timeout, "no answer within 600 s")) {
            try await replay.send(Samples.generation(prompt: "slow"))
        }
        #expect(try await replay.send(Samples.generation(prompt: "slow")).body == Data("second try".utf8))
    }

    @Test("recording again into a folder replaces the earlier recording")
    func rerecordReplaces() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let first = RecordingTransport(wrapping: FakeTransport(always: Samples.b64Response(Samples.noisePNG(side: 32))), cassette: cassette)
        _ = try await first.send(Samples.generation(prompt: "one"))
        _ = try await first.send(Samples.generation(prompt: "two"))
        let second = RecordingTransport(wrapping: FakeTransport(always: Samples.text("new")), cassette: cassette)
        _ = try await second.send(Samples.generation(prompt: "three"))

        #expect(try cassette.exchangeCount() == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cassette.bodiesURL.path).isEmpty)
    }
}
