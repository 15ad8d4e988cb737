import Foundation

/// One Markdown link or image found in text, by byte offsets into the text's UTF-8.
struct MarkdownLink: Equatable {
    /// `![…](…)` rather than `[…](…)`.
    var isImage: Bool
    /// The text between the brackets.
    var label: String
    /// The destination, unless it is a data URI (those can be megabytes and are kept as a range).
    var url: String?
    /// For a data URI: the media type and the byte range of the payload after the comma.
    var dataURI: (mime: String, isBase64: Bool, payload: Range<Int>)?
    /// The whole construct, `!` included.
    var range: Range<Int>

    static func == (a: MarkdownLink, b: MarkdownLink) -> Bool {
        a.isImage == b.isImage && a.label == b.label && a.url == b.url && a.range == b.range
    }
}

/// Finds inline Markdown links and images (`[label](url "title")`, `![alt](<url>)`) and bare
/// `http(s)://` URLs in UTF-8 text. Data-URI destinations are crossed with `memchr`, so a reply
/// holding a 20 MB image costs one pass.
enum MarkdownScanner {
    static func links(in text: UnsafeBufferPointer<UInt8>) -> [MarkdownLink] {
        guard let base = text.baseAddress else { return [] }
        let n = text.count
        var out: [MarkdownLink] = []
        var i = 0
        while i < n {
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "[")), n - i) else { break }
            let open = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if let link = link(at: open, base: base, count: n) {
                out.append(link)
                i = link.range.upperBound
            } else {
                i = open + 1
            }
        }
        return out
    }

    private static func link(at open: Int, base: UnsafePointer<UInt8>, count n: Int) -> MarkdownLink? {
        let isImage = open > 0 && base[open - 1] == UInt8(ascii: "!")
        var j = open + 1
        while j < n, base[j] != UInt8(ascii: "]") {
            if base[j] == 0x0A || base[j] == UInt8(ascii: "[") || j - open > 2000 { return nil }
            j += 1
        }
        guard j + 1 < n, base[j + 1] == UInt8(ascii: "(") else { return nil }
        let label = String(decoding: UnsafeBufferPointer(start: base + open + 1, count: j - open - 1), as: UTF8.self)
        var k = j + 2
        while k < n, base[k] == 0x20 { k += 1 }
        let urlStart: Int, urlEnd: Int
        if k < n, base[k] == UInt8(ascii: "<") {
            guard let close = find(UInt8(ascii: ">"), base, from: k + 1, to: n) else { return nil }
            urlStart = k + 1
            urlEnd = close
            k = close + 1
        } else {
            urlStart = k
            guard let close = find(UInt8(ascii: ")"), base, from: k, to: n) else { return nil }
            var end = urlStart
            while end < close, !isSpace(base[end]) { end += 1 }
            urlEnd = end
            k = end
        }
        // An optional title, then the closing parenthesis.
        while k < n, isSpace(base[k]) { k += 1 }
        if k < n, base[k] == UInt8(ascii: "\"") || base[k] == UInt8(ascii: "'") {
            guard let close = find(base[k], base, from: k + 1, to: n) else { return nil }
            k = close + 1
            while k < n, isSpace(base[k]) { k += 1 }
        }
        guard k < n, base[k] == UInt8(ascii: ")"), urlEnd > urlStart else { return nil }
        let range = (isImage ? open - 1 : open)..<(k + 1)
        if let data = dataURI(base, urlStart, urlEnd) {
            return MarkdownLink(isImage: isImage, label: label, url: nil, dataURI: data, range: range)
        }
        let url = String(decoding: UnsafeBufferPointer(start: base + urlStart, count: urlEnd - urlStart), as: UTF8.self)
        return MarkdownLink(isImage: isImage, label: label, url: url, dataURI: nil, range: range)
    }

    /// `data:<mime>[;base64],<payload>` at `start..<end`: the media type and the payload range.
    static func dataURI(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (mime: String, isBase64: Bool, payload: Range<Int>)? {
        guard end - start > 5, memcmp(base + start, "data:", 5) == 0,
              let comma = find(UInt8(ascii: ","), base, from: start + 5, to: min(end, start + 200)) else { return nil }
        let header = String(decoding: UnsafeBufferPointer(start: base + start + 5, count: comma - start - 5), as: UTF8.self)
        let pieces = header.split(separator: ";")
        let mime = pieces.first.map(String.init) ?? ""
        let isBase64 = pieces.dropFirst().contains { $0.lowercased() == "base64" }
        return (mime.lowercased(), isBase64, (comma + 1)..<end)
    }

    /// Bare `http(s)://` URLs outside Markdown constructs, ending at whitespace or a closing bracket/quote.
    static func bareURLs(in text: UnsafeBufferPointer<UInt8>, skipping constructs: [Range<Int>]) -> [String] {
        guard let base = text.baseAddress else { return [] }
        let n = text.count
        var out: [String] = []
        var i = 0
        while i + 7 < n {
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "h")), n - i - 7) else { break }
            let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            i = at + 1
            let isURL = memcmp(base + at, "http://", 7) == 0 || (at + 8 <= n && memcmp(base + at, "https://", 8) == 0)
            guard isURL, !constructs.contains(where: { $0.contains(at) }) else { continue }
            var end = at
            while end < n, !isSpace(base[end]), ![UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: ">"), UInt8(ascii: "\""),
                                                  UInt8(ascii: "'"), UInt8(ascii: "`")].contains(base[end]) { end += 1 }
            out.append(String(decoding: UnsafeBufferPointer(start: base + at, count: end - at), as: UTF8.self))
            i = end
        }
        return out
    }

    private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
