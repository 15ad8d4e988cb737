import Foundation
import Testing
@testable import LimnRouter

@Suite("JSON parse")
struct JSONParseTests {
    @Test func scalarsKeepIntAndDoubleApart() throws {
        let v = try JSONValue.parse(#"{"a":1,"b":1.0,"c":-0.5e3,"d":true,"e":null,"f":"x","g":-9223372036854775808}"#)
        #expect(v["a"] == .int(1))
        #expect(v["b"] == .double(1.0))
        #expect(v["c"] == .double(-500))
        #expect(v["d"] == .bool(true))
        #expect(v["e"] == .null)
        #expect(v["f"] == .string("x"))
        #expect(v["g"] == .int(.min))
    }

    @Test func integerOverflowBecomesDouble() throws {
        #expect(try JSONValue.parse("12345678901234567890") == .double(1.2345678901234567e19))
        #expect(try JSONValue.parse("9223372036854775807") == .int(.max))
    }

    @Test func keysKeepTheirOrder() throws {
        let v = try JSONValue.parse(#"{"z":1,"a":2,"m":3}"#)
        #expect(v.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func repeatedKeyKeepsFirstPositionAndLastValue() throws {
        let v = try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(v.objectValue?.keys == ["a", "b"])
        #expect(v["a"] == .int(3))
    }

    @Test func escapesIncludingSurrogatePairs() throws {
        let v = try JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#)
        #expect(v == .string("a\"b\\c/d\u{8}\u{c}\n\r\té😀"))
    }

    @Test func rawUTF8Passes() throws {
        #expect(try JSONValue.parse("\"数据预览 🏃\"") == .string("数据预览 🏃"))
    }

    @Test func longStringWithEscapeNearTheEnd() throws {
        let body = String(repeating: "QUJD", count: 10_000)
        let v = try JSONValue.parse("\"\(body)\\n\(body)\"")
        #expect(v.stringValue == body + "\n" + body)
    }

    @Test func largeBase64MemberParsesQuickly() throws {
        let blob = Data(repeating: 0xAB, count: 6_000_000).base64EncodedString()
        let data = Data(#"{"data":[{"b64_json":""#.utf8) + Data(blob.utf8) + Data(#""}]}"#.utf8)
        let start = ContinuousClock.now
        let v = try JSONValue.parse(data)
        let elapsed = ContinuousClock.now - start
        #expect(v["data"]?[0]?["b64_json"]?.stringValue?.utf8.count == blob.utf8.count)
        #expect(elapsed < .seconds(30), "8 MB string took \(elapsed): quadratic?")  // a bound against quadratic work, not a benchmark
    }

    @Test(arguments: [
        (#"{"a":1"#, 6), (#"{"a":"#, 5), (#"["x","#, 5), (#""abc"#, 4), ("tru", 3), ("-", 1), ("1.", 2), (#""\u00"#, 5),
        (#""\ud83d"#, 7), ("", 0), ("   ", 3),
    ])
    func truncatedSaysWhereItEnds(input: String, end: Int) {
        #expect {
            _ = try JSONValue.parse(input)
        } throws: { error in
            guard let e = error as? JSONParseError else { return false }
            return e.kind == .truncated && e.offset == end && e.description.contains("ends at byte \(end)")
        }
    }

    @Test(arguments: [
        (#"{"a" 1}"#, 5), (#"{"a":1,,}"#, 7), ("[1 2]", 3), ("01", 1), ("nul!", 3), (#""\x""#, 2), ("{} x", 3),
        (#""\udc00""#, 1), (#""\ud83dx""#, 1), ("\"a\u{1}\"", 2), ("1.e5", 2), ("+1", 0), ("<html>", 0),
    ])
    func invalidSaysWhichByte(input: String, offset: Int) {
        #expect {
            _ = try JSONValue.parse(input)
        } throws: { error in
            guard let e = error as? JSONParseError else { return false }
            return e.kind == .invalid && e.offset == offset && e.description.hasPrefix("invalid JSON at byte \(offset)")
        }
    }

    @Test func depthIsLimited() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
        #expect((try? JSONValue.parse(deep, maxDepth: 1000)) != nil)
    }

    @Test func byteOrderMarkAndWhitespaceAreSkipped() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(" \n\t{\"a\":[ ]}\r\n".utf8)
        #expect(try JSONValue.parse(data) == .object(["a": .array([])]))
    }
}

@Suite("JSON write")
struct JSONWriteTests {
    @Test func compactWithoutSlashEscapingKeysInOrder() {
        let v: JSONValue = ["url": "https://x.test/a/b", "n": 2, "q": 0.5, "ok": false, "none": .null, "list": [1, "two"]]
        #expect(v.jsonText == #"{"url":"https://x.test/a/b","n":2,"q":0.5,"ok":false,"none":null,"list":[1,"two"]}"#)
    }

    @Test func escapesControlsQuotesAndBackslashes() {
        let v = JSONValue.string("a\"b\\c\n\u{1}é😀")
        #expect(v.jsonText == #""a\"b\\c\n\u0001é😀""#)
    }

    @Test func integersStayIntegersAndDoublesRoundTrip() throws {
        let doubles: [Double] = [0.1, 1.0, -0.0, 1e-7, 5e20, 1.7976931348623157e308, 2.2250738585072014e-308, 123456.789]
        for d in doubles {
            let back = try JSONValue.parse(JSONValue.double(d).serialized())
            #expect(back == .double(d), "\(d)")
        }
        for i: Int64 in [0, 7, -7, .max, .min, 1_000_000] {
            #expect(JSONValue.int(i).jsonText == String(i))
        }
        #expect(JSONValue.double(.nan).jsonText == "null")
    }

    @Test func canonicalSortsKeysRecursively() {
        let v: JSONValue = ["b": ["y": 1, "x": 2], "a": [["d": 1, "c": 2]]]
        #expect(String(decoding: v.serializedCanonical(), as: UTF8.self) == #"{"a":[{"c":2,"d":1}],"b":{"x":2,"y":1}}"#)
        #expect(v.jsonText == #"{"b":{"y":1,"x":2},"a":[{"d":1,"c":2}]}"#)
    }

    @Test func roundTripOfAMixedDocument() throws {
        let text = #"{"id":"chatcmpl-1","choices":[{"message":{"content":"Here \"it\" is:\n![img](data:image/png;base64,iVBOR/+=)"}}],"usage":{"total_tokens":1044,"ratio":0.25}}"#
        let v = try JSONValue.parse(text)
        #expect(v.jsonText == text)
        #expect(try JSONValue.parse(v.serialized()) == v)
    }

    @Test func writesLargeStringsQuickly() {
        let blob = Data(repeating: 7, count: 6_000_000).base64EncodedString()
        let start = ContinuousClock.now
        let data = JSONValue.object(["image": .string(blob)]).serialized()
        #expect(data.count == blob.utf8.count + 12)
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
