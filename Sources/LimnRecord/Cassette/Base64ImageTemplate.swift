import Foundation
import LimnImage

/// A text body (JSON, server-sent events, Markdown) with its base64 image payloads swapped for
/// `@sha256:` tokens, and the decoded images beside it: images become files, not inlined text.
///
/// It works on bytes, not on parsed JSON, so that `expanded` gives back the exact body received:
/// a run of base64 is only swapped when it decodes to an image *and* re-encodes to the very same
/// characters (standard alphabet, padded, no line breaks). Anything else (`\/` escapes, wrapped
/// lines, URL-safe base64) stays as it was, inside the template.
struct Base64ImageTemplate: Sendable, Equatable {
    /// Shorter base64 runs are left alone (no image is this small, and tokens are ~80 bytes).
    static let minimumRun = 256

    /// The body with tokens in place of the image payloads.
    let template: Data
    /// The decoded images, in order of first appearance, without repeats.
    let images: [CassetteBlob]

    /// Extracts the images of `body`, or nil when it holds none that can be swapped exactly (or
    /// already contains the token prefix, which would make the template ambiguous).
    static func extract(from body: Data) -> Base64ImageTemplate? {
        guard body.count >= minimumRun, body.range(of: Data(CassetteBlob.tokenPrefix.utf8)) == nil else { return nil }
        let bytes = [UInt8](body)
        var output = Data()
        var images: [CassetteBlob] = []
        var copied = 0
        var i = 0
        while i < bytes.count {
            guard isBase64(bytes[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < bytes.count, isBase64(bytes[i]) { i += 1 }
            guard i - start >= minimumRun, let blob = image(in: bytes[start..<i]) else { continue }
            if output.isEmpty { output.reserveCapacity(bytes.count / 8) }
            output.append(contentsOf: bytes[copied..<start])
            output.append(contentsOf: blob.token.utf8)
            if !images.contains(where: { $0.name == blob.name }) { images.append(blob) }
            copied = i
        }
        guard !images.isEmpty else { return nil }
        output.append(contentsOf: bytes[copied...])
        return Base64ImageTemplate(template: output, images: images)
    }

    /// The original body: every token of a listed image replaced by that image's base64.
    /// - Parameter images: file name → bytes, for every name the entry lists.
    /// - Throws: when the template names an image that is not given.
    static func expand(_ template: Data, images: [String: Data]) throws(CassetteError) -> Data {
        let prefix = Array(CassetteBlob.tokenPrefix.utf8)
        let bytes = [UInt8](template)
        var out = Data()
        out.reserveCapacity(template.count + images.values.reduce(0) { $0 + $1.count * 4 / 3 + 4 })
        var copied = 0
        var searchFrom = 0
        while let at = find(prefix, in: bytes, from: searchFrom) {
            // A name is 64 hex digits, a dot and an extension; the byte after a swapped run was not
            // base64, so never a letter or digit that could run on into the extension.
            let nameStart = at + prefix.count
            var end = nameStart + 64
            guard end < bytes.count, bytes[end] == UInt8(ascii: ".") else {
                throw CassetteError(.corrupt, "a body holds a malformed \(CassetteBlob.tokenPrefix) token at byte \(at)")
            }
            end += 1
            while end < bytes.count, isExtensionByte(bytes[end]) { end += 1 }
            let name = String(decoding: bytes[nameStart..<end], as: UTF8.self)
            guard let data = images[name] else {
                throw CassetteError(.corrupt, "a body refers to \(CassetteBlob.tokenPrefix)\(name), which its exchange does not list")
            }
            out.append(contentsOf: bytes[copied..<at])
            out.append(contentsOf: data.base64EncodedData())
            copied = end
            searchFrom = end
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// The image a base64 run encodes, when it re-encodes to exactly the same characters.
    private static func image(in run: ArraySlice<UInt8>) -> CassetteBlob? {
        guard run.count % 4 == 0, let decoded = Data(base64Encoded: Data(run)), ImageFormat.sniff(decoded) != nil,
              decoded.base64EncodedData().elementsEqual(run) else { return nil }
        return CassetteBlob(data: decoded)
    }

    private static func isBase64(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2F || b == 0x3D
    }

    /// Bytes of a blob name's extension: digits and lowercase letters.
    private static func isExtensionByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
