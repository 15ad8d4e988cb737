import Foundation
import LimnRouter
import Testing
@testable import LimnRecord

@Suite("Keys never reach a recording")
struct KeyRemovalTests {
    @Test("keys in headers, query and body, and a router echoing them, leave no trace in the cassette")
    func keyAppearsNowhere() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cassette = Cassette(folder: folder.url)
        let echo = FakeTransport { request, _ in
            let said = request.headers["Authorization"] ?? request.headers["x-goog-api-key"] ?? ""
            return HTTPResponse(status: 401, headers: ["Content-Type": "application/json", "x-echo": said, "Set-Cookie": "s=\(Samples.key)"],
                                body: Data(#"{"error":{"message":"Incorrect API key provided: \#(said)"}}"#.utf8))
        }
        let recorder = RecordingTransport(wrapping: echo, cassette: cassette)
        _ = try await recorder.send(Samples.generation(prompt: "a red square"))
        _ = try await recorder.send(Samples.edit(prompt: "sketch", image: Samples.noisePNG(side: 20), boundary: "b1"))
        let gemini = HTTPRequest(url: URL(string: "https://h.example/v1beta/models/nano-banana:generateContent?key=\(Samples.googleKey)")!,
                                 headers: ["Content-Type": "application/json", "x-goog-api-key": Samples.googleKey],
                                 body: Data(#"{"contents":[{"parts":[{"text":"hi"}]}],"api_key":"\#(Samples.key)"}"#.utf8))
        _ = try await recorder.send(gemini)

        let files = try folder.allFiles()
        #expect(files.count >= 2)  // the index and the edit's input image
        for file in files {
            for secret in [Samples.key, Samples.googleKey] {
                #expect(file.data.range(of: Data(secret.utf8)) == nil, "a key in \(file.path)")
            }
        }
        #expect(try KeyScanner.findKeyLike(in: folder.url).isEmpty)
        let index = try String(contentsOf: cassette.indexURL, encoding: .utf8)
        #expect(index.contains("Incorrect API key provided: [redacted]"))
        #expect(!index.lowercased().contains("set-cookie"))

        let replayed = try await ReplayTransport(cassette: cassette).send(Samples.generation(prompt: "a red square", key: nil))
        #expect(replayed.status == 401)
    }
}
