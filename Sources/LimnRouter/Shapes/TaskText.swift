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
        for url in links.compactMap(\.url) + bareURLs where !allLinks.contains(url) { allLinks.append(url) }
        let preview = links.first { link in
            guard let url = link.url, !link.isImage else { return false }
            return previewLabels.contains { link.label.lowercased().contains($0) } || url.contains("/web/task_")
        }?.url ?? bareURLs.first { $0.contains("/web/task_") }
        let hasProgress = progressMarkers.contains { text.contains($0) }
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
        var search = text.startIndex..<text.endIndex
        while let marker = text.range(of: "ID:", range: search) {
            let rest = text[marker.upperBound...].drop { $0 == " " || $0 == "`" || $0 == "\t" }
            let id = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            if id.hasPrefix("task_") { return String(id) }
            search = marker.upperBound..<text.endIndex
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
        var search = text.startIndex..<text.endIndex
        while let fence = text.range(of: "```json", range: search) {
            guard let close = text.range(of: "```", range: fence.upperBound..<text.endIndex) else { return nil }
            let inner = text[fence.upperBound..<close.lowerBound]
            if let value = try? JSONValue.parse(String(inner)), value["prompt"] != nil { return value }
            search = close.upperBound..<text.endIndex
        }
        return nil
    }
}
