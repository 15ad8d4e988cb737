import Foundation
import Testing
@testable import LimnRouter

/// Recorded fixtures never hold a key (STYLE: "a recorded fixture never contains a key").
@Suite("Fixture hygiene")
struct FixtureHygieneTests {
    static func allFixtureFiles() throws -> [URL] {
        let root = try Fixtures.url("tiny.png").deletingLastPathComponent()
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath }
    }

    /// `sk-` followed by 16 or more key characters, or a bearer token.
    static func looksLikeKey(_ text: String) -> Bool {
        if text.range(of: #"sk-[A-Za-z0-9_\-]{16,}"#, options: .regularExpression) != nil { return true }
        return text.range(of: #"Bearer [A-Za-z0-9_\-\.]{8,}"#, options: [.regularExpression, .caseInsensitive]) != nil
    }

    @Test func theDetectorFindsKeys() {
        #expect(Self.looksLikeKey("x sk-" + "live-abcdefghijklmnop1234 y"))
        #expect(Self.looksLikeKey("authorization: bearer abcdefgh12345"))
        #expect(!Self.looksLikeKey("the masked form sk-…WXYZ is fine"))
    }

    @Test func noFixtureHoldsAKey() throws {
        let files = try Self.allFixtureFiles()
        #expect(files.count > 40)
        for file in files {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            #expect(!Self.looksLikeKey(text), "\(file.lastPathComponent) contains something like a key")
        }
    }
}
