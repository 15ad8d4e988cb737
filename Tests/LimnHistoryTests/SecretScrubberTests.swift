import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnHistory

@Suite struct SecretScrubberTests {
    static let key = "sk-" + "live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"

    @Test func credentialMembersAreDroppedAtAnyDepth() {
        let value: JSONValue = [
            "model": "m", "Authorization": "Bearer x", "api_key": "k", "key": "k",
            "headers": ["X-Api-Key": "k", "Accept": "image/png"],
            "list": [["access_token": "t", "n": 1]],
            "max_tokens": 10,
        ]
        #expect(SecretScrubber.scrub(value) == [
            "model": "m", "headers": ["Accept": "image/png"], "list": [["n": 1]], "max_tokens": 10,
        ])
    }

    @Test func keyLikeStringsAreRedactedInsideText() {
        #expect(SecretScrubber.scrub("use \(Self.key) please") == "use [redacted] please")
        #expect(SecretScrubber.scrub("Authorization: Bearer abcdefghijklmnop") == "Authorization: [redacted]")
        #expect(SecretScrubber.scrub("a sk-short word") == "a sk-short word")
        #expect(SecretScrubber.scrub("a cat under moonlight") == "a cat under moonlight")
    }

    @Test func inlineImageDataIsSummarizedByDigest() throws {
        let image = try Fixtures.noise(seed: 1)
        #expect(image.dataURI.utf8.count > SecretScrubber.inlineDataLimit)
        let summary = SecretScrubber.scrub(image.dataURI)
        #expect(summary == "<image/png base64: \(image.bytes.count) bytes, sha256:\(image.sha256)>")
        let bare = SecretScrubber.scrub(image.bytes.base64EncodedString())
        #expect(bare.hasSuffix("sha256:\(image.sha256)>"))
        let longPrompt = String(repeating: "a long prompt, ", count: 200)
        #expect(SecretScrubber.scrub(longPrompt) == longPrompt)
    }

    /// Everything Limn writes — database, WAL, image store, manifest — scanned byte for byte.
    @Test func noKeyReachesTheHistoryOrTheManifest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = try HistoryStore.open(home: folder.url)
        let manifest = try ManifestWriter(url: folder.url.appendingPathComponent("manifest.jsonl"))
        let key = Self.key
        var info = Fixtures.runInfo()
        info.arguments = ["--key", key]
        info = RunInfo(scriptPath: info.scriptPath, arguments: info.arguments, provider: "live",
                       baseURL: "https://user:\(key)@api.example.com/v1?key=\(key)", limnVersion: "t")
        let run = try history.beginRun(info)
        var call = Fixtures.generateCall("a cat, my key is \(key)")
        call.extra = ["api_key": .string(key), "nested": ["Authorization": .string("Bearer \(key)")]]
        var result = Fixtures.result(for: call, images: [try Fixtures.image(1)], revisedPrompt: "cat \(key)")
        result.sentParameters["key"] = .string(key)
        result.sentParameters["note"] = .string("Bearer \(key)")
        result.reply.text = "echo \(key)"
        let failure = RouterError(.auth, "bad key \(key)", status: 401)

        try history.record(call: call, result: result, in: run)
        try history.recordFailure(call: call, error: failure, in: run)
        try manifest.record(call: call, result: result)
        try manifest.recordFailure(call: call, error: failure)
        try history.finishRun(run, outcome: .failed)
        manifest.close()

        let written = folder.files()
        #expect(written.contains("history.sqlite"))
        #expect(written.contains("manifest.jsonl"))
        let secret = Data(key.utf8)
        let fragment = Data(key.suffix(16).utf8)
        for file in written {
            let bytes = try Data(contentsOf: folder.url.appendingPathComponent(file))
            #expect(bytes.range(of: secret) == nil, "\(file) holds the key")
            #expect(bytes.range(of: fragment) == nil, "\(file) holds part of the key")
        }
        // The scan is not vacuous: the prompt around the key was written.
        let manifestText = try String(contentsOf: folder.url.appendingPathComponent("manifest.jsonl"), encoding: .utf8)
        #expect(manifestText.contains("my key is [redacted]"))
    }
}
