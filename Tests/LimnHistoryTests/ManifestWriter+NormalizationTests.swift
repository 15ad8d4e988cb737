import Foundation
import LimnRouter
import Testing
@testable import LimnHistory

@Suite struct ManifestNormalizationTests {
    @Test func removesTimingFieldsAndNothingElse() throws {
        let line = #"{"event":"call","seq":1,"model":"m","started":"2026-01-01T00:00:00.000Z","elapsed_ms":5,"retries":1,"status":200}"#

        let normalized = try ManifestWriter.normalizedForComparison(line: line)

        #expect(normalized == #"{"event":"call","model":"m","retries":1,"seq":1,"status":200}"#)
    }

    @Test func twoRunsDifferingOnlyInTimingCompareEqual() throws {
        let a = #"{"event":"call","started":"2026-01-01T00:00:00.000Z","elapsed_ms":5,"images":[{"sha256":"ab"}]}"#
        let b = #"{"images":[{"sha256":"ab"}],"elapsed_ms":900,"started":"2027-05-05T10:00:00.000Z","event":"call"}"#
        #expect(try ManifestWriter.normalizedForComparison(line: a) == ManifestWriter.normalizedForComparison(line: b))
    }

    @Test func anythingElseThatDiffersStillDiffers() throws {
        let base = #"{"event":"call","started":"x","elapsed_ms":5,"retries":0,"images":[{"sha256":"ab"}]}"#
        let changes = [
            #"{"event":"call","started":"x","elapsed_ms":5,"retries":1,"images":[{"sha256":"ab"}]}"#,
            #"{"event":"call","started":"x","elapsed_ms":5,"retries":0,"images":[{"sha256":"ac"}]}"#,
            #"{"event":"call","started":"x","elapsed_ms":5,"retries":0,"images":[]}"#,
        ]
        let normalizedBase = try ManifestWriter.normalizedForComparison(line: base)
        for changed in changes {
            #expect(try ManifestWriter.normalizedForComparison(line: changed) != normalizedBase)
        }
    }

    @Test func aRealLineLosesExactlyItsTimings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("m.jsonl")
        let call = Fixtures.generateCall("cat")
        try ManifestWriter(url: url).record(call: call, result: Fixtures.result(for: call, images: [try Fixtures.image(1)]))
        let line = String(decoding: try Data(contentsOf: url), as: UTF8.self).trimmingCharacters(in: .newlines)

        let original = try #require(try JSONValue.parse(line).objectValue)
        let normalized = try #require(try JSONValue.parse(ManifestWriter.normalizedForComparison(line: line)).objectValue)

        #expect(Set(original.keys).subtracting(normalized.keys) == ["started", "elapsed_ms"])
        for key in normalized.keys {
            #expect(normalized[key]?.serializedCanonical() == original[key]?.serializedCanonical(), "\(key) changed")
        }
    }

    @Test func nonObjectsAreRejected() {
        #expect(throws: HistoryError.self) { try ManifestWriter.normalizedForComparison(line: "[1,2]") }
        #expect(throws: HistoryError.self) { try ManifestWriter.normalizedForComparison(line: "{\"a\":") }
    }
}
