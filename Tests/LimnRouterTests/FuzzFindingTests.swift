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
}
