import CFastBytes
import Foundation
import Testing
@testable import LimnRouter

@Suite("Response bodies: base64 decoded while it arrives", .serialized)
struct ResponseBodyCollectorTests {
    static func bytes(_ count: Int, seed: UInt64) -> Data { Base64ImageTests.bytes(count, seed: seed) }

    /// Collects `body` in chunks of the given sizes (cycled).
    static func collect(_ body: Data, chunks: [Int], minimum: Int = 1024) -> HTTPResponse {
        var collector = ResponseBodyCollector(expected: body.count, liftingFrom: minimum)
        var at = 0
        var k = 0
        while at < body.count {
            let size = min(chunks[k % chunks.count], body.count - at)
            body[at..<at + size].withUnsafeBytes { collector.append($0) }
            at += size
            k += 1
        }
        #expect(collector.count == body.count)
        let (compact, lifted) = collector.finish()
        return HTTPResponse(status: 200, body: compact, lifted: lifted)
    }

    /// Values of every kind a router sends in a long string, and whether each may be lifted.
    static func members() -> [(text: String, liftable: Bool)] {
        // 8 KB of base64 each: past the 1 KB lifting threshold, small enough for byte-by-byte chunks
        // under the sanitizers.
        let one = bytes(6_001, seed: 1).base64EncodedString()   // ends in '=='
        let two = bytes(6_002, seed: 2).base64EncodedString()   // ends in '='
        let none = bytes(6_000, seed: 3).base64EncodedString()
        var loose = Array(one.utf8)
        let last = loose.lastIndex { $0 != UInt8(ascii: "=") }!
        loose[last] = loose[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let wrapped = stride(from: 0, to: none.count, by: 76).map { i -> String in
            let s = none.index(none.startIndex, offsetBy: i)
            return String(none[s..<none.index(s, offsetBy: min(76, none.count - i))])
        }.joined(separator: "\\n")
        let prose = String(repeating: "a long answer that is not base64, with spaces. ", count: 160)
        return [
            (one, true), (two, true), (none, true),
            (String(decoding: loose, as: UTF8.self), Data(base64Encoded: String(decoding: loose, as: UTF8.self)).map { $0.base64EncodedString() == String(decoding: loose, as: UTF8.self) } ?? false),
            (none.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"), false),
            (String(two.dropLast(2)), false),                       // padding missing
            (wrapped, false),                                       // escaped line breaks
            (none + "é", false),                                    // non-ASCII at the end
            (String(none.prefix(4_000)) + "=" + String(none.prefix(2000)), false),  // text after padding
            (prose, false),
            ("data:image/png;base64," + none, false),
        ]
    }

    @Test(arguments: [true, false]) func theBodyReadsBackExactlyAndParsesTheSame(vectors: Bool) throws {
        limn_fastbytes_use_vectors(vectors ? 1 : 0)
        defer { limn_fastbytes_use_vectors(1) }
        let members = Self.members()
        for (i, member) in members.enumerated() {
            let json = #"{"created":1,"data":[{"b64_json":"\#(member.text)","revised_prompt":"p \"q\""}],"\#(String(repeating: "k", count: 2000))":["\#(member.text)"]}"#
            let original = Data(json.utf8)
            for chunks in [[1], [3, 7], [64], [4096], [1000, 1, 17, 65_536], [original.count]] {
                let response = Self.collect(original, chunks: chunks)
                #expect(response.wireBody == original, "member \(i), chunks \(chunks)")
                #expect(response.lifted.count == (member.liftable ? 1 : 0), "member \(i), chunks \(chunks)")
                let parsed = try JSONValue.parse(response.body, spansFrom: 1024, lifted: response.lifted)
                #expect(parsed == (try JSONValue.parse(original)), "member \(i), chunks \(chunks)")
                if member.liftable {
                    #expect(response.body.count == original.count - member.text.utf8.count)  // the text is gone
                    #expect(response.lifted.values.first == Data(base64Encoded: member.text))
                }
            }
        }
    }

    @Test func anUnfinishedStringIsGivenBackForTheParserToReportAsCutOff() {
        let text = Self.bytes(9000, seed: 9).base64EncodedString()
        let cut = Data(#"{"data":[{"b64_json":"\#(text)"#.utf8)
        for chunks in [[1], [100], [cut.count]] {
            let response = Self.collect(cut, chunks: chunks)
            #expect(response.lifted.isEmpty)
            #expect(response.body == cut)
            #expect(throws: JSONParseError.self) { try JSONValue.parse(response.body, lifted: response.lifted) }
        }
    }

    @Test func withoutLiftingTheBodyIsCollectedAsIs() {
        let body = Self.bytes(100_000, seed: 4)
        var collector = ResponseBodyCollector(expected: nil, liftingFrom: nil)
        body.withUnsafeBytes { collector.append($0) }
        let (out, lifted) = collector.finish()
        #expect(out == body && lifted.isEmpty)
    }

    @Test func aLiftedAnswerNormalizesToTheSameImages() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Self.bytes(60_000, seed: 5)
        let json = Data(#"{"data":[{"b64_json":"\#(png.base64EncodedString())"}],"output_format":"png"}"#.utf8)
        let lifted = Self.collect(json, chunks: [8192], minimum: ResponseNormalizer.spanMinimum)
        #expect(lifted.lifted.count == 1)
        let reply = try ResponseNormalizer().normalize(response: lifted, route: .images, operation: .generate)
        #expect(reply.images == [.bytes(png, mime: "image/png")])
        #expect(reply.raw?["data"]?[0]?["b64_json"]?.stringValue == png.base64EncodedString())
        let limits = RouterLimits(maxResponseBytes: 1 << 20, maxBase64Length: 50_000, maxDownloadBytes: 1 << 20)
        #expect(throws: RouterError.self) {
            try ResponseNormalizer(limits: limits).normalize(response: lifted, route: .images, operation: .generate)
        }
    }
}
