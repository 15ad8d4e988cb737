import Foundation

/// The gpt-4o-image "task" answer (router-shapes §2 C3): a ```json parameter block, `ID: task_…`,
/// a Data Preview / 数据预览 page (HTML, never an image), Raw Data / 原始数据, progress lines in
/// English or Chinese with emoji, and maybe final images as `![](…)` or `[点击下载](…)` links.
enum TaskText {
    static let previewLabels = ["data preview", "数据预览", "预览"]
    static let rawLabels = ["raw data", "原始数据"]
    static let downloadLabels = ["点击下载", "下载", "download"]
    static let progressMarkers = ["🕐", "⚡", "🏃", "✅", "排队中", "生成中", "进度", "生成完成", "Queuing", "Generating", "Progress",
                                  "Generating Complete"]

    /// The task block, or nil when the text is not a task answer.
    static func detect(_ text: String, links: [MarkdownLink], bareURLs: [String]) -> TaskInfo? {
        let id = taskID(in: text)
        let params = parameterBlock(in: text)
        var allLinks: [String] = []
        var seen = Set<String>()
        for url in links.compactMap(\.url) + bareURLs where seen.insert(url).inserted { allLinks.append(url) }
        let preview = links.first { link in
            guard let url = link.url, !link.isImage else { return false }
            return previewLabels.contains { link.label.lowercased().contains($0) } || url.contains("/web/task_")
        }?.url ?? bareURLs.first { $0.contains("/web/task_") }
        let hasProgress = progressMarkers.contains { find(Array($0.utf8), in: text, from: text.startIndex) != nil }
        guard id != nil || preview != nil || (params != nil && hasProgress) else { return nil }
        let resolvedID = id ?? preview.flatMap(taskID(inURL:))
        return TaskInfo(id: resolvedID, params: params, previewURL: preview, links: allLinks)
    }

    /// Whether a link in a task answer is a final image: image Markdown or a download link, never
    /// the preview or raw-data page.
    static func isFinalImage(_ link: MarkdownLink, task: TaskInfo) -> Bool {
        guard let url = link.url, !isTaskPage(url, task: task) else { return false }
        let label = link.label.lowercased()
        if rawLabels.contains(where: label.contains) || previewLabels.contains(where: label.contains) { return false }
        return link.isImage || downloadLabels.contains(where: label.contains)
    }

    /// The preview page or a raw-data page (`/web/task_…`, `/source/task_…`).
    static func isTaskPage(_ url: String, task: TaskInfo) -> Bool {
        url == task.previewURL || url.contains("/web/task_") || url.contains("/source/task_")
    }

    /// Whether the URL's path ends in an image file extension.
    static func looksLikeImageFile(_ url: String) -> Bool {
        let path = (URLComponents(string: url)?.path ?? url).lowercased()
        return [".png", ".jpg", ".jpeg", ".webp", ".gif"].contains { path.hasSuffix($0) }
    }

    /// `ID: `task_01kc…`` → `task_01kc…`.
    static func taskID(in text: String) -> String? {
        var from = text.startIndex
        while let marker = find("ID:", in: text, from: from) {
            let rest = text[marker.upperBound...].drop { $0 == " " || $0 == "`" || $0 == "\t" }
            let id = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            if id.hasPrefix("task_") { return String(id) }
            from = marker.upperBound
        }
        return nil
    }

    static func taskID(inURL url: String) -> String? {
        guard let range = url.range(of: "task_") else { return nil }
        let id = url[range.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return id.count > 5 ? String(id) : nil
    }

    /// The first ```json block that parses to an object with a `prompt`.
    static func parameterBlock(in text: String) -> JSONValue? {
        var from = text.startIndex
        while let fence = find("```json", in: text, from: from) {
            guard let close = find("```", in: text, from: fence.upperBound) else { return nil }
            let inner = text[fence.upperBound..<close.lowerBound]
            if let value = try? JSONValue.parse(String(inner)), value["prompt"] != nil { return value }
            from = close.upperBound
        }
        return nil
    }

    /// The first `needle` in `text` at or after `from`, compared over UTF-8. Foundation's
    /// `range(of:range:)` copies the whole text to UTF-16 on every call, so a loop over markers
    /// took time quadratic in the answer (scripts/fuzz.sh found a 16 KB text taking 10 ms).
    static func find(_ needle: StaticString, in text: String, from: String.Index) -> Range<String.Index>? {
        find(Array(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)), in: text, from: from)
    }

    /// The first occurrence of the UTF-8 bytes `pattern` in `text` at or after `from`.
    static func find(_ pattern: [UInt8], in text: String, from: String.Index) -> Range<String.Index>? {
        guard !pattern.isEmpty else { return from..<from }
        let utf8 = text.utf8
        var i = from
        while i < utf8.endIndex {
            if utf8[i] == pattern[0] {
                var j = i
                var k = 0
                while k < pattern.count, j < utf8.endIndex, utf8[j] == pattern[k] {
                    j = utf8.index(after: j)
                    k += 1
                }
                if k == pattern.count { return i..<j }
            }
            i = utf8.index(after: i)
        }
        return nil
    }
}
