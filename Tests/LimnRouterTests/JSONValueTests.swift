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

@Suite("JSON spans")
struct JSONSpanTests {
    /// A request's data URI is encoded by the C encoder straight into the span: the same text as
    /// Foundation's, at every length and for every byte value, and written into a body the same.
    @Test func dataURISpanMatchesFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        var lengths = Array(0...260)
        lengths += [4095, 4096, 4097, 65_537]
        for n in lengths {
            let bytes = Data((0..<n).map { i in i < 256 && n <= 260 ? UInt8(i) : UInt8.random(in: 0...255, using: &generator) })
            let span = JSONSpan(dataURI: "image/png", of: bytes)
            let expected = "data:image/png;base64," + bytes.base64EncodedString()
            #expect(span.string == expected, "length \(n)")
            #expect(span.count == expected.utf8.count)
            #expect(JSONValue.span(span) == .string(expected))
        }
        let image = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let body: JSONValue = ["url": .span(JSONSpan(dataURI: "image/jpeg", of: image))]
        let plain: JSONValue = ["url": .string("data:image/jpeg;base64," + image.base64EncodedString())]
        #expect(body.serialized() == plain.serialized())
        #expect(ImagePayload.summarize(body) == ["url": .string("<image/jpeg;base64 data URI, 4023 chars>")])
        #expect(ImagePayload.summarize(body) == ImagePayload.summarize(plain))
    }

    let blob = Data((0..<60_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).base64EncodedString()

    @Test func longPlainStringValuesBecomeSpansOfTheDocument() throws {
        let text = #"{"id":"x","data":[{"b64_json":"\#(blob)","revised_prompt":"a cat"}]}"#
        let data = Data(text.utf8)
        let v = try JSONValue.parse(data, spansFrom: 1024)
        guard case .span(let span)? = v["data"]?[0]?["b64_json"] else {
            Issue.record("expected a span, got \(String(describing: v["data"]?[0]?["b64_json"]))")
            return
        }
        #expect(span.count == blob.utf8.count)
        #expect(span.string == blob)
        #expect(v["data"]?[0]?["revised_prompt"] == .string("a cat"))
        #expect(v["id"] == .string("x"))
        // Equal to the value parsed without spans, in both directions, and written back the same.
        let plain = try JSONValue.parse(data)
        #expect(plain == v && v == plain)
        #expect(v.serialized() == plain.serialized())
        #expect(v.jsonText == text)
        #expect(v["data"]?[0]?["b64_json"]?.stringValue == blob)
        #expect(span.bytes == Data(blob.utf8))
    }

    @Test func aSliceOfALargerBufferKeepsItsOffsets() throws {
        let whole = Data("garbage[\"\(blob)\"]".utf8)
        let slice = whole[whole.startIndex + 7..<whole.endIndex]
        let v = try JSONValue.parse(slice, spansFrom: 1024)
        #expect(v[0]?.stringValue == blob)
        guard case .span(let span)? = v[0] else { Issue.record("expected a span"); return }
        #expect(Data(base64Encoded: span.bytes)?.count == 60_000)
    }

    @Test func shortEscapedNonASCIIStringsAndKeysStayStrings() throws {
        let escaped = String(blob.prefix(5000)) + "\\n" + String(blob.prefix(5000))
        let accented = "é" + String(blob.prefix(5000))
        let text = #"{"\#(blob)":1,"short":"abc","escaped":"\#(escaped)","accented":"\#(accented)"}"#
        let v = try JSONValue.parse(Data(text.utf8), spansFrom: 1024)
        #expect(v.objectValue?.keys.first == blob)
        for key in ["short", "escaped", "accented"] {
            guard case .string? = v[key] else { Issue.record("\(key) should be a String, got \(String(describing: v[key]))"); continue }
        }
        #expect(v["escaped"]?.stringValue == String(blob.prefix(5000)) + "\n" + String(blob.prefix(5000)))
        #expect(v["accented"]?.stringValue == accented)
    }

    @Test func aTruncatedLongStringIsStillReportedAsTruncated() {
        let cut = Data(#"{"b64_json":"\#(blob.prefix(40_000))"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(cut, spansFrom: 1024) }
        do {
            _ = try JSONValue.parse(cut, spansFrom: 1024)
        } catch {
            #expect(error.kind == .truncated)
        }
    }

    @Test func spansCompareByText() throws {
        let a = try JSONValue.parse(Data(#"["\#(blob)"]"#.utf8), spansFrom: 1024)
        let b = try JSONValue.parse(Data(#"["\#(blob)"]"#.utf8), spansFrom: 1024)
        let c = try JSONValue.parse(Data(#"["\#(blob.dropLast(4))AAAA"]"#.utf8), spansFrom: 1024)
        #expect(a == b)
        #expect(a != c)
        #expect(a[0]?.isString == true)
        #expect(a[0] != .int(1))
    }
}
