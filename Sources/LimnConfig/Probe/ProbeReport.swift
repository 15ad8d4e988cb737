import LimnRouter

/// The probe's rows, as a table for a terminal or as JSON.
public struct ProbeReport: Sendable, Equatable {
    /// One row per model and route, in target order.
    public var results: [ProbeResult]

    /// A report.
    public init(results: [ProbeResult]) { self.results = results }

    /// Rows that returned at least one image.
    public var withImages: Int { results.filter(\.gotImage).count }
    /// Rows that answered without an image (plain text, task text with no final link).
    public var withoutImages: Int { results.filter { !$0.gotImage && ($0.errorKind == nil || $0.errorKind == .noImage) }.count }
    /// Rows that failed with any other error.
    public var failed: Int { results.count - withImages - withoutImages }

    /// `12 probes: 7 returned images, 2 answered without one, 3 failed`.
    public var summary: String {
        "\(results.count) probe\(results.count == 1 ? "" : "s"): \(withImages) returned images, "
            + "\(withoutImages) answered without one, \(failed) failed"
    }

    /// Aligned columns (MODEL ROUTE STATUS RESULT SHAPE IMAGE LATENCY MESSAGE), messages cut to
    /// `messageWidth` characters, then the summary line. No colour.
    public func table(messageWidth: Int = 60) -> String {
        let header = ["MODEL", "ROUTE", "STATUS", "RESULT", "SHAPE", "IMAGE", "LATENCY", "MESSAGE"]
        let rows = results.map { row -> [String] in
            let image = row.image.map { "\(row.imageCount) \($0.format) \($0.width)x\($0.height)" } ?? (row.gotImage ? "\(row.imageCount)" : "no")
            var message = row.message ?? ""
            if message.count > messageWidth { message = String(message.prefix(max(1, messageWidth - 1))) + "…" }
            return [row.model, row.route.rawValue, row.status.map(String.init) ?? "-", row.outcome, row.shape?.rawValue ?? "-",
                    image, Self.latencyText(row.latency), message]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        let lines = all.map { cells -> String in
            let row = cells.enumerated().map { column, cell in column == cells.count - 1 ? cell : cell.padded(to: widths[column]) }
                .joined(separator: "  ")
            return String(row.reversed().drop { $0 == " " }.reversed())
        }
        return (lines + ["", summary]).joined(separator: "\n")
    }

    /// `{"results":[{model, route, status, result, shape, image, images, format, width, height,
    /// bytes, latency_ms, attempts, request_id, message}], "summary":{probes, with_images,
    /// without_images, failed}}`; absent values are null.
    public func json() -> String {
        let rows: [JSONValue] = results.map { row in
            func optional(_ value: Int?) -> JSONValue { value.map { .int(Int64($0)) } ?? .null }
            func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
            return .object([
                "model": .string(row.model), "route": .string(row.route.rawValue), "status": optional(row.status),
                "result": .string(row.outcome), "shape": optional(row.shape?.rawValue), "image": .bool(row.gotImage),
                "images": .int(Int64(row.imageCount)), "format": optional(row.image?.format), "width": optional(row.image?.width),
                "height": optional(row.image?.height), "bytes": optional(row.image?.bytes),
                "latency_ms": .int(row.latency.milliseconds), "attempts": optional(row.attempts),
                "request_id": optional(row.requestID), "message": optional(row.message),
            ])
        }
        let summary: JSONValue = .object([
            "probes": .int(Int64(results.count)), "with_images": .int(Int64(withImages)),
            "without_images": .int(Int64(withoutImages)), "failed": .int(Int64(failed)),
        ])
        return JSONValue.object(["results": .array(rows), "summary": summary]).jsonText
    }

    /// `850ms` under a second, else `12.3s`.
    static func latencyText(_ duration: Duration) -> String {
        let ms = duration.milliseconds
        if ms < 1000 { return "\(ms)ms" }
        return "\(ms / 1000).\((ms % 1000) / 100)s"
    }
}
