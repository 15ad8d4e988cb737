import Foundation
import Testing
@testable import LimnRouter

@Suite("Multipart form")
struct MultipartFormTests {
    static func sampleForm() -> MultipartForm {
        var form = MultipartForm()
        form.append("model", "gpt-image-1")
        form.append("prompt", "line one\r\nline \"two\"")
        // Binary bytes including CR LF and dashes, the usual traps for a delimiter search.
        form.append("image[]", filename: "image-1.png", contentType: "image/png", body: Data([0x89, 0x50, 0x0D, 0x0A, 0x2D, 0x2D, 0x00, 0xFF]))
        form.append("image[]", filename: "image-2.webp", contentType: "image/webp", body: Data("RIFF----WEBP".utf8))
        form.append("mask", filename: "mask.png", contentType: "image/png", body: Data())
        return form
    }

    @Test func encodesTheExactWireFormat() {
        var form = MultipartForm()
        form.append("n", "2")
        form.append("image", filename: "a.png", contentType: "image/png", body: Data("PNG".utf8))
        let text = String(decoding: form.encoded(boundary: "XyZ"), as: UTF8.self)
        #expect(text == "--XyZ\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n2\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n"
            + "--XyZ--\r\n")
    }

    @Test func roundTripsThroughTheParser() throws {
        let form = Self.sampleForm()
        let boundary = form.stableBoundary()
        let parsed = try MultipartForm.parse(form.encoded(boundary: boundary), contentType: MultipartForm.contentType(boundary: boundary))
        #expect(parsed == form)
        #expect(parsed.parts(named: "image[]").map(\.filename) == ["image-1.png", "image-2.webp"])
        #expect(parsed.value("prompt") == "line one\r\nline \"two\"")
    }

    @Test func quotedBoundaryAndNamesWithQuotes() throws {
        var form = MultipartForm()
        form.append("we\"ird", filename: "a\"b.png", contentType: "image/png", body: Data([1, 2]))
        let parsed = try MultipartForm.parse(form.encoded(boundary: "b-1"), contentType: "multipart/form-data; boundary=\"b-1\"")
        #expect(parsed.parts.first?.name == "we\"ird")
        #expect(parsed.parts.first?.filename == "a\"b.png")
    }

    @Test func stableBoundaryIsDeterministicAndAvoidsContent() {
        let form = Self.sampleForm()
        #expect(form.stableBoundary() == Self.sampleForm().stableBoundary())
        var other = form
        other.append("n", "3")
        #expect(other.stableBoundary() != form.stableBoundary())
    }

    @Test func stableBoundaryStepsAsideWhenABodyContainsIt() throws {
        // The digest samples sizes and ends, so a body changed only in the middle keeps the same
        // first-choice boundary: plant that boundary there and the form must pick another.
        var plain = MultipartForm()
        plain.append("image", filename: "a.png", contentType: "image/png", body: Data(repeating: 0x61, count: 4000))
        let first = plain.stableBoundary()
        var planted = Data(repeating: 0x61, count: 4000)
        let marker = Data("\r\n--\(first)".utf8)
        planted.replaceSubrange(2000..<(2000 + marker.count), with: marker)
        var trap = MultipartForm()
        trap.append("image", filename: "a.png", contentType: "image/png", body: planted)
        #expect(trap.firstStableBoundary() == first)
        let second = trap.stableBoundary()
        #expect(second != first)
        let parsed = try MultipartForm.parse(trap.encoded(boundary: second), contentType: MultipartForm.contentType(boundary: second))
        #expect(parsed == trap)
    }

    @Test func randomBoundaryUsesTheGenerator() {
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1), c = SplitMix64(seed: 2)
        let x = MultipartForm.randomBoundary(using: &a)
        #expect(x == MultipartForm.randomBoundary(using: &b))
        #expect(x != MultipartForm.randomBoundary(using: &c))
        #expect(x.hasPrefix("limn-") && x.count == 29)
        #expect(MultipartForm.randomBoundary() != MultipartForm.randomBoundary())
    }

    @Test(arguments: [
        ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n", "truncated"),
        ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b", "closing"),
        ("preamble\r\n--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--", "does not start"),
        ("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "no Content-Disposition"),
        ("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", "no name"),
        ("--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--", "not form-data"),
        ("--b\r\nBroken header\r\n\r\nx\r\n--b--", "without ':'"),
        ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--junk", "after the closing"),
        ("--bX\r\n", "expected CRLF"),
        ("", "empty"),
    ])
    func rejectsMalformedBodies(body: String, mention: String) {
        #expect {
            _ = try MultipartForm.parse(Data(body.utf8), contentType: "multipart/form-data; boundary=b")
        } throws: { error in
            (error as? MultipartError)?.description.contains(mention) == true
        }
    }

    @Test func rejectsWrongContentTypes() {
        #expect(throws: MultipartError.self) { try MultipartForm.parse(Data(), contentType: "application/json") }
        #expect(throws: MultipartError.self) { try MultipartForm.parse(Data(), contentType: "multipart/form-data") }
    }

    @Test func largeFilePartIsFoundQuickly() throws {
        var form = MultipartForm()
        var big = Data(count: 12_000_000)
        big.withUnsafeMutableBytes { raw in for i in stride(from: 0, to: raw.count, by: 97) { raw[i] = 0x2D } }
        form.append("image", filename: "big.png", contentType: "image/png", body: big)
        form.append("prompt", "p")
        let boundary = form.stableBoundary()
        let start = ContinuousClock.now
        let parsed = try MultipartForm.parse(form.encoded(boundary: boundary), contentType: MultipartForm.contentType(boundary: boundary))
        #expect(parsed.parts.first?.body.count == 12_000_000)
        #expect(ContinuousClock.now - start < .seconds(3))
    }
}

/// A seeded generator for deterministic tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
