import Foundation

/// What a text answer holds: prose, images written into it as Markdown, and maybe a task block.
struct TextAnalysis {
    /// The prose with image Markdown removed.
    var text: String
    /// Images in order of appearance.
    var images: [ImageCandidate]
    /// Set for task-text answers (router-shapes §2 C3).
    var task: TaskInfo?

    /// Reads `text`; `field` names where it came from in decode errors.
    static func analyze(_ text: String, field: String, limits: RouterLimits) throws(RouterError) -> TextAnalysis {
        var copy = text
        let result: Result<TextAnalysis, RouterError> = copy.withUTF8 { utf8 in
            do throws(RouterError) {
                return .success(try analyze(utf8, original: text, field: field, limits: limits))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func analyze(_ utf8: UnsafeBufferPointer<UInt8>, original: String, field: String,
                                limits: RouterLimits) throws(RouterError) -> TextAnalysis {
        let links = MarkdownScanner.links(in: utf8)
        // Task markers are looked for in the text without data-URI payloads: those can be megabytes.
        let payloads = links.compactMap { $0.dataURI?.payload }
        let skeleton = payloads.isEmpty ? original : String(decoding: cut(payloads, from: utf8, marker: nil), as: UTF8.self)
        let task = TaskText.detect(skeleton, links: links, bareURLs: MarkdownScanner.bareURLs(in: utf8, skipping: links.map(\.range)))
        var images: [ImageCandidate] = []
        var removed: [Range<Int>] = []
        var seen = Set<String>()
        for (index, link) in links.enumerated() {
            if let data = link.dataURI {
                guard data.mime.hasPrefix("image/") else { continue }
                images.append(.bytes(try decode(data, utf8, field: "\(field) (Markdown image \(index + 1))", limits: limits),
                                     mime: data.mime))
                removed.append(link.range)
            } else if let url = link.url, ImagePayload.isWebURL(url) {
                if let task {
                    guard TaskText.isFinalImage(link, task: task), seen.insert(url).inserted else { continue }
                    images.append(.candidateLink(url))
                    if link.isImage { removed.append(link.range) }
                } else if link.isImage {
                    images.append(.url(url))
                    removed.append(link.range)
                }
            }
        }
        if let task, images.isEmpty {
            // No image Markdown and no download link: fall back to links whose path names an image file.
            for url in task.links where TaskText.looksLikeImageFile(url) && !TaskText.isTaskPage(url, task: task) && seen.insert(url).inserted {
                images.append(.candidateLink(url))
            }
        }
        var prose = removed.isEmpty ? original : tidy(cut(removed, from: utf8, marker: cutMarker))
        // A whole answer that is one bare data URI (some relays send just that).
        if images.isEmpty, task == nil, let bare = bareDataURI(utf8) {
            images.append(.bytes(try decode(bare, utf8, field: field, limits: limits), mime: bare.mime))
            prose = ""
        }
        return TextAnalysis(text: prose, images: images, task: task)
    }

    private static func decode(_ data: (mime: String, isBase64: Bool, payload: Range<Int>), _ utf8: UnsafeBufferPointer<UInt8>,
                               field: String, limits: RouterLimits) throws(RouterError) -> Data {
        let payload = UnsafeBufferPointer(rebasing: utf8[data.payload])
        guard data.isBase64 else { throw RouterError(.decode, "\(field) is a data URI without base64 encoding") }
        return try Base64Image.decode(payload, field: field, limits: limits)
    }

    /// Stands where an image was cut out, so a line left holding nothing else can be dropped.
    private static let cutMarker: UInt8 = 0x01

    /// The bytes with `ranges` removed, each replaced by `marker` when given.
    private static func cut(_ ranges: [Range<Int>], from utf8: UnsafeBufferPointer<UInt8>, marker: UInt8?) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(utf8.count, 1 << 20))
        var at = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= at {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[at..<range.lowerBound]))
            if let marker { bytes.append(marker) }
            at = range.upperBound
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[at...]))
        return bytes
    }

    /// Lines that held only cut images dropped, blank-line runs collapsed, ends trimmed.
    private static func tidy(_ bytes: [UInt8]) -> String {
        // Over bytes, not Characters: Foundation's string calls per line cost more than the text.
        var out: [ArraySlice<UInt8>] = []
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let hadImage = raw.contains(cutMarker)
            var line = raw.filter { $0 != cutMarker && $0 != 0x0D }[...]
            while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
            if hadImage && line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if line.isEmpty && (out.last?.isEmpty ?? true) { continue }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return String(decoding: Array(out.joined(separator: [0x0A])), as: UTF8.self)
    }

    /// The data URI an answer consists of, when it is nothing else (surrounding whitespace aside).
    private static func bareDataURI(_ utf8: UnsafeBufferPointer<UInt8>) -> (mime: String, isBase64: Bool, payload: Range<Int>)? {
        guard let base = utf8.baseAddress else { return nil }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        var start = 0, end = utf8.count
        while start < end, isSpace(utf8[start]) { start += 1 }
        while end > start, isSpace(utf8[end - 1]) { end -= 1 }
        guard end - start > 11, memcmp(base + start, "data:image/", 11) == 0,
              memchr(base + start, 0x20, end - start) == nil, memchr(base + start, 0x0A, end - start) == nil else { return nil }
        return MarkdownScanner.dataURI(base, start, end)
    }
}
