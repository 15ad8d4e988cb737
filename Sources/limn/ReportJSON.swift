import Foundation
import LimnRouter

/// The report's calls as JSON, kept in results.json (with `--html`) so `limn test merge --html`
/// can show every shard's calls and thumbnails in one report. Image links are relative to the
/// folder of the results.json.
extension ReportCall {
    var json: JSONValue {
        var o: JSONObject = ["operation": .string(operation), "model": .string(model), "seconds": .double(seconds),
                             "retries": .int(Int64(retries))]
        func put(_ key: String, _ value: String?) { o[key] = value.map(JSONValue.string) ?? .null }
        put("route", route); put("shape", shape); put("prompt", prompt); put("revised_prompt", revisedPrompt)
        put("error_kind", errorKind); put("error_message", errorMessage); put("location", location); put("parent", parentSHA256)
        o["status"] = status.map { .int(Int64($0)) } ?? .null
        o["input_tokens"] = tokens.input.map { .int(Int64($0)) } ?? .null
        o["output_tokens"] = tokens.output.map { .int(Int64($0)) } ?? .null
        o["images"] = .array(images.map { i in
            var m: JSONObject = ["sha256": .string(i.sha256), "format": .string(i.format), "width": .int(Int64(i.width)),
                                 "height": .int(Int64(i.height)), "bytes": .int(Int64(i.bytes))]
            m["thumbnail"] = i.thumbnail.map(JSONValue.string) ?? .null
            m["href"] = i.href.map(JSONValue.string) ?? .null
            return .object(m)
        })
        return .object(o)
    }

    /// Reads `json`; hrefs are rewritten by `href` (from the results file's folder to the report's).
    init?(json: JSONValue, href: (String) -> String) {
        guard let operation = json["operation"]?.stringValue, let model = json["model"]?.stringValue else { return nil }
        let s = { (key: String) in json[key]?.stringValue }
        self.init(operation: operation, model: model, route: s("route"), shape: s("shape"), prompt: s("prompt"),
                  revisedPrompt: s("revised_prompt"), seconds: json["seconds"]?.doubleValue ?? 0, retries: json["retries"]?.intValue ?? 0,
                  tokens: TokenUsage(input: json["input_tokens"]?.intValue, output: json["output_tokens"]?.intValue),
                  status: json["status"]?.intValue, errorKind: s("error_kind"), errorMessage: s("error_message"),
                  location: s("location"), parentSHA256: s("parent"),
                  images: (json["images"]?.arrayValue ?? []).compactMap { i in
                      guard let sha = i["sha256"]?.stringValue else { return nil }
                      // Only inline WebP thumbnails come back: nothing else may reach an img src.
                      let thumb = i["thumbnail"]?.stringValue.flatMap { $0.hasPrefix("data:image/webp;base64,") ? $0 : nil }
                      return ReportImage(sha256: sha, format: i["format"]?.stringValue ?? "?", width: i["width"]?.intValue ?? 0,
                                         height: i["height"]?.intValue ?? 0, bytes: i["bytes"]?.intValue ?? 0,
                                         thumbnail: thumb, href: i["href"]?.stringValue.map(href))
                  })
    }
}

extension UsageTotals {
    /// Reads the `json` form back (for merging shards); nil when it is not one.
    init?(json: JSONValue?) {
        guard let json, let calls = json["calls"]?.intValue else { return nil }
        self.init()
        self.calls = calls
        failed = json["failed"]?.intValue ?? 0
        images = json["images"]?.intValue ?? 0
        inputTokens = json["input_tokens"]?.intValue ?? 0
        outputTokens = json["output_tokens"]?.intValue ?? 0
        retries = json["retries"]?.intValue ?? 0
        seconds = json["seconds"]?.doubleValue ?? 0
        cost = json["cost"]?.doubleValue
        unpriced = (json["unpriced"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The sum of two runs' totals (wall times add up: the shards' machine time).
    func adding(_ other: UsageTotals) -> UsageTotals {
        var t = self
        t.calls += other.calls; t.failed += other.failed; t.images += other.images
        t.inputTokens += other.inputTokens; t.outputTokens += other.outputTokens; t.retries += other.retries
        t.seconds += other.seconds
        if let c = other.cost { t.cost = (t.cost ?? 0) + c }
        t.unpriced = Array(Set(t.unpriced + other.unpriced)).sorted()
        return t
    }
}
