import Foundation
import LimnHistory
import LimnImage
import LimnLua
import LimnRouter

/// One image in the report: a thumbnail inlined as a data URI, and where the full file is.
struct ReportImage {
    var sha256: String
    var format: String
    var width: Int
    var height: Int
    var bytes: Int
    /// `data:image/webp;base64,…`, or nil when the image could not be decoded.
    var thumbnail: String?
    /// The full file, relative to the report's folder.
    var href: String?
}

/// One call in the report.
struct ReportCall {
    var operation: String
    var model: String
    var route: String?
    var shape: String?
    var prompt: String?
    var revisedPrompt: String?
    var seconds: Double
    var retries: Int
    var tokens: TokenUsage
    var status: Int?
    var errorKind: String?
    var errorMessage: String?
    /// Where the recipe made the call, `recipe.lua:12`.
    var location: String?
    var parentSHA256: String?
    var images: [ReportImage]
    var failed: Bool { errorKind != nil }
}

/// One test case in the report, with the calls it made.
struct ReportCase {
    var result: TestCaseResult
    var calls: [ReportCall]
}

/// Collects what `--report`/`--html` shows while the run goes: every call with thumbnails of
/// its images (made on the request task, as the call ends), the files the recipe saved, and
/// for `limn test` which case each call belongs to. A full image the recipe did not save is
/// written beside the report, in `NAME-images/`, so a click on its thumbnail opens it.
final class ReportCollector: Sendable {
    /// The report file.
    let url: URL
    /// Longest side of a thumbnail, in pixels.
    static let thumbnailSide = 192

    private struct State {
        var calls: [ReportCall] = []
        var pending: [ReportCall] = []
        var cases: [ReportCase] = []
        var saved: [String: String] = [:]
    }
    private let state = Locked(State())

    init(url: URL) {
        self.url = url
    }

    /// The folder of full images the recipe did not save.
    var imagesFolder: URL {
        url.deletingLastPathComponent().appendingPathComponent(url.deletingPathExtension().lastPathComponent + "-images")
    }

    /// A call ended: keep it with thumbnails of its images.
    func callFinished(_ s: CallSummary, location: String?) {
        let images = s.images.map { image(for: $0) }
        let call = ReportCall(operation: s.operation.rawValue, model: s.model, route: s.route?.rawValue, shape: s.shape?.rawValue,
                              prompt: s.prompt, revisedPrompt: s.images.lazy.compactMap(\.revisedPrompt).first,
                              seconds: Double(s.elapsedMilliseconds) / 1000, retries: s.retries, tokens: TokenUsage(s.usage),
                              status: s.status, errorKind: s.failure?.kind, errorMessage: s.failure?.message, location: location,
                              parentSHA256: s.parentSHA256, images: images)
        state.withLock {
            $0.calls.append(call)
            $0.pending.append(call)
        }
    }

    /// The recipe saved an image: its thumbnail links to that file.
    func imageSaved(sha256: String, path: String) {
        state.withLock { $0.saved[sha256] = path }
    }

    /// A test case ended: the calls made since the last one are its own.
    func caseEnded(_ result: TestCaseResult) {
        state.withLock {
            $0.cases.append(ReportCase(result: result, calls: $0.pending))
            $0.pending = []
        }
    }

    /// Calls made after a file's last case (at its top level) join that case. Called between files.
    func fileEnded() {
        state.withLock { s in
            guard !s.pending.isEmpty, !s.cases.isEmpty else { return }
            s.cases[s.cases.count - 1].calls += s.pending
            s.pending = []
        }
    }

    /// The calls and cases so far, every thumbnail linked to its full file relative to `folder`:
    /// the file the recipe saved it to, or else its copy in `imagesFolder`.
    func linked(relativeTo folder: URL) -> (calls: [ReportCall], cases: [ReportCase]) {
        let snapshot = state.withLock { $0 }
        let base = folder.standardizedFileURL
        func link(_ c: ReportCall) -> ReportCall {
            var c = c
            c.images = c.images.map { image in
                var image = image
                let full = snapshot.saved[image.sha256].map { URL(fileURLWithPath: $0) }
                    ?? (image.href == nil ? nil : imagesFolder.appendingPathComponent(fileName(image)))
                image.href = full.map { ReportCollector.relativePath(from: base, to: $0.standardizedFileURL) }
                return image
            }
            return c
        }
        return (snapshot.calls.map(link), snapshot.cases.map { ReportCase(result: $0.result, calls: $0.calls.map(link)) })
    }

    /// Writes the report (atomically), and drops the copies of images the recipe saved itself.
    /// `tests`: the rows are the test cases (`limn test`), not the calls.
    func write(title: String, command: String, totals: UsageTotals, outcome: String?, tests: Bool) throws {
        let (calls, cases) = linked(relativeTo: url.deletingLastPathComponent())
        let html = ReportHTML(title: title, command: command, generated: Date(), totals: totals, outcome: outcome,
                              calls: calls, cases: tests ? cases : nil).render()
        try Data(html.utf8).write(to: url, options: .atomic)
        for sha in state.withLock({ Array($0.saved.keys) }) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: imagesFolder.path)) ?? [] where name.hasPrefix(sha.prefix(16)) {
                try? FileManager.default.removeItem(at: imagesFolder.appendingPathComponent(name))
            }
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: imagesFolder.path), names.isEmpty {
            try? FileManager.default.removeItem(at: imagesFolder)
        }
    }

    private func fileName(_ image: ReportImage) -> String {
        "\(image.sha256.prefix(16)).\(ImageFormat(rawValue: image.format)?.fileExtension ?? "bin")"
    }

    private func image(for received: ReceivedImage) -> ReportImage {
        let e = received.image
        var r = ReportImage(sha256: e.sha256, format: e.format.rawValue, width: e.width, height: e.height, bytes: e.bytes.count)
        if let pixels = try? e.decode() {
            let side = Double(Self.thumbnailSide)
            let scale = min(1, side / Double(max(pixels.width, pixels.height)))
            let small = pixels.resized(width: max(1, Int((Double(pixels.width) * scale).rounded())),
                                       height: max(1, Int((Double(pixels.height) * scale).rounded())))
            if let thumb = try? EncodedImage.encode(small, as: .webp, quality: 75) {
                r.thumbnail = "data:image/webp;base64," + thumb.bytes.base64EncodedString()
            }
        }
        let name = fileName(r)
        let file = imagesFolder.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: imagesFolder, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: file.path) { try e.bytes.write(to: file, options: .atomic) }
            r.href = imagesFolder.lastPathComponent + "/" + name
        } catch {
            // No copy: the thumbnail shows, unlinked (the history store still has the image).
        }
        return r
    }

    /// `to` relative to the folder `from` (`../out/cat.png`), percent-encoded for an href.
    static func relativePath(from folder: URL, to file: URL) -> String {
        let a = folder.pathComponents, b = file.pathComponents
        var i = 0
        while i < a.count && i < b.count - 1 && a[i] == b[i] { i += 1 }
        let parts = Array(repeating: "..", count: a.count - i) + b[i...]
        return parts.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }.joined(separator: "/")
    }
}
