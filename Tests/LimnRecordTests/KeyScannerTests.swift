import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnRecord

@Suite("Key scanner")
struct KeyScannerTests {
    @Test("planted keys of every kind are found, with file, line and a masked excerpt")
    func findsPlantedKeys() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let high = "Zk8" + "pQ2vR7xW1mN4bT6yH9cJ3"
        try FileManager.default.createDirectory(at: folder.appending("a/b"), withIntermediateDirectories: true)
        try Data("clean line\nsaid \(Samples.key) once\n".utf8).write(to: folder.appending("a/b/index.jsonl"))
        try Data("x\ny\nurl=https://h/v1beta/m:generateContent?key=\(Samples.googleKey)&alt=sse\n".utf8).write(to: folder.appending("a/google.txt"))
        try Data("curl -H 'Authorization: Bearer \(high)'\n".utf8).write(to: folder.appending("bearer.sh"))
        try Data("[[\"x-api-key\",\"\(high)\"]]".utf8).write(to: folder.appending("headers.json"))

        let findings = try KeyScanner.findKeyLike(in: folder.url)
        #expect(findings.map(\.file) == ["a/b/index.jsonl", "a/google.txt", "bearer.sh", "headers.json"])
        #expect(findings.map(\.line) == [2, 3, 1, 1])
        #expect(findings.map(\.rule) == ["openai-key", "google-api-key", "bearer-token", "credential-field"])
        for finding in findings {
            #expect(!finding.description.contains(Samples.key) && !finding.description.contains(high))
        }
    }

    @Test("a recorded cassette, masked keys, hashes and ordinary prose give no finding")
    func cleanFolderPasses() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let image = Samples.noisePNG(side: 128)
        _ = try await RecordingTransport(wrapping: FakeTransport(always: Samples.b64Response(image)), cassette: Cassette(folder: folder.appending("rec")))
            .send(Samples.generation(prompt: "a red square"))
        let prose = """
            Authorization: Bearer <redacted>
            key masked as sk-…xyz4, [redacted], task_abcdefghijklmnopqrstuvwxyz012345 and the-task-sk-notakey
            "sha256":"\(SHA256Digest.hex(image))" max_tokens: 1000 "prompt_tokens": 12
            {"b64_json":"\(image.base64EncodedString())"}
            """
        try Data(prose.utf8).write(to: folder.appending("notes.md"))
        try image.write(to: folder.appending("image.png"))

        #expect(try KeyScanner.findKeyLike(in: folder.url) == [])
        #expect(KeyScanner.findKeyLike(inText: "token: " + "aaaaaaaaaaaaaaaaaaaaaaaaaa").isEmpty, "low entropy is not a key")
        #expect(!KeyScanner.findKeyLike(inText: "token: " + "q8Zr2LmX0vB7nT4kW9pC5sY1").isEmpty)
    }

    @Test("no recording or fixture in the repository holds a key-like string, nor the key its recording script used")
    func repositoryRecordingsAreClean() throws {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = FileManager.default
        var folders: [URL] = []
        for parent in ["Tests", "Sources"] {
            for target in (try? files.contentsOfDirectory(atPath: root.appendingPathComponent(parent).path)) ?? [] {
                folders.append(root.appendingPathComponent("\(parent)/\(target)/Fixtures"))
            }
        }
        folders += Self.recordingFolders(under: root)
        folders = folders.filter { folder in
            files.fileExists(atPath: folder.path) && !folders.contains { folder.path.hasPrefix($0.path + "/") }
        }
        #expect(!folders.isEmpty, "found nothing to scan under \(root.path)")
        for folder in folders {
            let findings = try KeyScanner.findKeyLike(in: folder)
            #expect(findings.isEmpty, "key-like strings under \(folder.path): \(findings)")
        }

        // Scripts beside the recordings may hold the dummy key they record with (the fake router
        // wants one); that key, whatever it looks like, must appear in no recording.
        let recordings = try folders.filter { $0.lastPathComponent != "Fixtures" }.flatMap(Self.regularFiles(under:))
        for script in try Self.regularFiles(under: root.appendingPathComponent("scripts"))
        where !recordings.contains(where: { $0.path == script.path }) {
            for key in KeyScanner.keyLikeStrings(in: try Data(contentsOf: script)) {
                for recording in recordings {
                    #expect(try Data(contentsOf: recording).range(of: Data(key.utf8)) == nil,
                            "\(recording.path) holds the key used by \(script.lastPathComponent)")
                }
            }
        }
    }

    private static func regularFiles(under folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [URL] = []
        for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            out.append(url.resolvingSymlinksInPath())
        }
        return out
    }

    /// Folders named `recordings` or holding a cassette index, outside build and VCS folders.
    private static func recordingFolders(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        var out: [URL] = []
        for case let url as URL in walker {
            let name = url.lastPathComponent
            if name.hasPrefix(".build") || name == ".git" || name == ".swiftpm" {
                walker.skipDescendants()
            } else if name == "recordings" || name == Cassette.indexName {
                out.append(name == Cassette.indexName ? url.deletingLastPathComponent() : url)
            }
        }
        return out
    }
}
