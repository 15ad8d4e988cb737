import Foundation
import Testing
@testable import LimnRouter

/// Inputs that scripts/fuzz.sh found, kept so they stay fixed. Each test names its target and
/// what went wrong before the fix.
@Suite("Fuzz findings: router input")
struct RouterFuzzFindingTests {
    /// FuzzJSON: `1777777777777777777e777777777777777` read as an infinite double, which writes
    /// back as `null`; Foundation refuses the number.
    @Test func numbersPastTheRangeOfADoubleAreRefused() throws {
        for text in ["1777777777777777777e777777777777777", "1e999", "-1e999", "[1,2e400]"] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        }
        #expect(throws: Never.self) { try JSONValue.parse("1e308") }
        #expect(try JSONValue.parse("1e-999") == .double(0))
    }
}

@Suite("Fuzz findings: JSON leniency")
struct JSONLeniencyFuzzFindingTests {
    /// FuzzJSON: Foundation reads `[1,]` and `{"a":1,}`; Limn refused them.
    @Test func oneTrailingCommaIsAccepted() throws {
        #expect(try JSONValue.parse("[1, 2 ,\n]") == .array([.int(1), .int(2)]))
        #expect(try JSONValue.parse(#"{"a":1,}"#)["a"] == .int(1))
        #expect(try JSONValue.parse(#"{"data":[{"b64_json":"QQ==",},],}"#)["data"]?.arrayValue?.count == 1)
        for text in ["[,]", "[1,,]", "{,}", #"{"a":1,,}"#, "[1,", #"{"a":1,"#] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue.parse(text) }
        }
    }
}

@Suite("Fuzz findings: multipart")
struct MultipartFuzzFindingTests {
    /// FuzzMultipart: a backslash in a file name was read as an escape, so `a\b.png` came back
    /// as `ab.png` and a name ending in `\` swallowed its closing quote.
    @Test func backslashesInNamesRoundTrip() throws {
        var form = MultipartForm()
        form.parts.append(.init(name: "image[]", filename: #"C:\pics\cat.png"#, contentType: "image/png", body: Data([1, 2])))
        form.parts.append(.init(name: #"odd\"#, filename: nil, contentType: nil, body: Data("x".utf8)))
        form.parts.append(.init(name: "prompt", filename: #"say "hi"\"#, contentType: nil, body: Data("y".utf8)))
        let boundary = form.stableBoundary()
        let parsed = try MultipartForm.parse(form.encoded(boundary: boundary), contentType: MultipartForm.contentType(boundary: boundary))
        #expect(parsed == form)
    }

    /// FuzzMultipart: a quote followed by a combining mark (`"\u{0487}`) is one grapheme, so
    /// Foundation's replacingOccurrences left it raw and the parsed name stopped there.
    @Test func quotesBeforeCombiningMarksAreEncoded() throws {
        var form = MultipartForm()
        form.parts.append(.init(name: "a\"\u{0487}b\r\u{301}\n", filename: "x\"\u{301}.png", contentType: "image/png", body: Data([0])))
        let boundary = form.stableBoundary()
        let body = form.encoded(boundary: boundary)
        #expect(String(decoding: body, as: UTF8.self).contains("name=\"a%22\u{0487}b%0D\u{301}%0A\""))
        #expect(try MultipartForm.parse(body, contentType: MultipartForm.contentType(boundary: boundary)) == form)
    }
}

@Suite("Fuzz findings: text answers")
struct TextFuzzFindingTests {
    /// FuzzDataURI ran at 350 inputs a second: every `ID:` and ```` ```json ```` marker searched the
    /// whole answer again through Foundation (a copy to UTF-16 each time), and links were
    /// de-duplicated pairwise. Markers are now found over UTF-8 from where the last one ended.
    @Test func manyMarkersStillFindTheTask() {
        let decoys = String(repeating: "ID: nothing ```json\n{}\n``` ", count: 5000)
        let text = decoys + "ID: `task_01kc9zzxample`\n```json\n{\"prompt\":\"a cat\"}\n```"
        #expect(TaskText.taskID(in: text) == "task_01kc9zzxample")
        #expect(TaskText.parameterBlock(in: text)?["prompt"] == .string("a cat"))
    }

    @Test func findComparesBytesFromTheGivenIndex() {
        let text = "数据 ID: a ID: b 🏃"
        let first = TaskText.find("ID:", in: text, from: text.startIndex)
        #expect(first.map { String(text[$0.upperBound...]) } == " a ID: b 🏃")
        let second = first.flatMap { TaskText.find("ID:", in: text, from: $0.upperBound) }
        #expect(second.map { String(text[$0.upperBound...]) } == " b 🏃")
        #expect(TaskText.find(Array("🏃".utf8), in: text, from: text.startIndex) != nil)
        #expect(TaskText.find("ID:x", in: text, from: text.startIndex) == nil)
    }

    @Test func repeatedLinksAreKeptOnceInOrder() {
        let links = (0..<3000).map { MarkdownLink(isImage: true, label: "x", url: "https://e.test/\($0 % 3).png", dataURI: nil, range: 0..<1) }
        let info = TaskText.detect("ID: task_abc", links: links, bareURLs: ["https://e.test/1.png", "https://e.test/9.png"])
        #expect(info?.links == ["https://e.test/0.png", "https://e.test/1.png", "https://e.test/2.png", "https://e.test/9.png"])
    }
}
