import Foundation
import LimnRouter

/// The self-contained HTML report of a run or a test run: no network, no external file, every
/// string from a router or a recipe escaped, and a content-security policy that lets only the
/// report's own script (by its nonce) run.
struct ReportHTML {
    var title: String
    var command: String
    var generated: Date
    var totals: UsageTotals
    /// How a run ended, when it failed.
    var outcome: String?
    var calls: [ReportCall]
    /// The test cases, for `limn test`; nil for `limn run`, whose rows are its calls.
    var cases: [ReportCase]?

    func render() -> String {
        let nonce = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        var thumbs: [String: String] = [:]
        for c in calls { for i in c.images { if let t = i.thumbnail { thumbs[i.sha256] = t } } }
        var rows: [(failed: Bool, html: String)] = []
        if let cases {
            for k in cases { rows.append((k.result.status == .failed, caseRow(k, thumbs: thumbs))) }
        } else {
            for (n, c) in calls.enumerated() { rows.append((c.failed, callRow(c, index: n + 1, thumbs: thumbs))) }
        }
        // Failures first, each group in run order.
        let ordered = rows.filter(\.failed) + rows.filter { !$0.failed }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: file: 'self'; style-src 'unsafe-inline'; script-src 'nonce-\(nonce)'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title))</title>
            <style>\(Self.css)</style></head><body>
            <header><h1>\(esc(title))</h1>
            <p class="command"><code>\(esc(command))</code> · \(esc(ISO8601DateFormatter().string(from: generated)))</p>
            \(outcome.map { "<p class=\"outcome\">\(esc($0))</p>" } ?? "")
            <div class="totals">\(totalsHTML())</div>
            <p class="tools"><input id="filter" type="search" placeholder="Filter by name, model, prompt, error…" autofocus>
            <label><input id="only-failed" type="checkbox"> failures only</label> <span id="shown"></span></p>
            </header>
            <main id="rows">
            \(ordered.isEmpty ? "<p class=\"empty\">No \(cases == nil ? "calls" : "tests").</p>" : ordered.map(\.html).joined(separator: "\n"))
            </main>
            <script nonce="\(nonce)">\(Self.script)</script>
            </body></html>

            """
    }

    private func totalsHTML() -> String {
        var chips: [(String, String, String)] = []
        if let cases {
            let count = { (s: TestCaseResult.Status) in cases.filter { $0.result.status == s }.count }
            chips += [("passed", "passed", "\(count(.passed))"), ("failed", "failed", "\(count(.failed))")]
            if count(.skipped) > 0 { chips.append(("skipped", "skipped", "\(count(.skipped))")) }
        }
        chips += [("calls", "calls", "\(totals.calls)"), ("calls-failed", "failed calls", "\(totals.failed)"),
                  ("images", "images", "\(totals.images)"),
                  ("tokens", "tokens in / out", "\(totals.inputTokens) / \(totals.outputTokens)"),
                  ("retries", "retries", "\(totals.retries)"), ("seconds", "time", String(format: "%.1f s", totals.seconds))]
        if let cost = totals.cost { chips.append(("cost", "cost", "$" + UsageTotals.money(cost))) }
        return chips.map { id, label, value in
            "<span class=\"chip\"><b id=\"count-\(id)\">\(esc(value))</b> \(esc(label))</span>"
        }.joined()
    }

    private func caseRow(_ k: ReportCase, thumbs: [String: String]) -> String {
        let r = k.result
        let calls = k.calls.enumerated().map { callBlock($1, index: $0 + 1, thumbs: thumbs) }.joined()
        return """
            <section class="row \(r.status.rawValue)" data-status="\(r.status.rawValue)">
            <h2><span class="badge">\(r.status.rawValue)</span> \(esc(r.name)) <small>\(esc(r.file)) · \(String(format: "%.2f s", r.seconds)) · \(k.calls.count) call\(k.calls.count == 1 ? "" : "s")</small></h2>
            \(r.message.map { "<pre class=\"\(r.status == .skipped ? "note" : "error")\">\(esc($0))</pre>" } ?? "")
            \(calls)
            </section>
            """
    }

    private func callRow(_ c: ReportCall, index: Int, thumbs: [String: String]) -> String {
        let status = c.failed ? "failed" : "passed"
        return """
            <section class="row \(status)" data-status="\(status)">
            \(callBlock(c, index: index, thumbs: thumbs))
            </section>
            """
    }

    private func callBlock(_ c: ReportCall, index: Int, thumbs: [String: String]) -> String {
        var facts: [(String, String)] = [("model", c.model)]
        facts.append(("route / shape", [c.route, c.shape].compactMap { $0 }.joined(separator: " / ")))
        facts.append(("time", String(format: "%.2f s", c.seconds)))
        facts.append(("retries", "\(c.retries)"))
        if c.tokens.input != nil || c.tokens.output != nil {
            facts.append(("usage", "\(c.tokens.input.map(String.init) ?? "?") in / \(c.tokens.output.map(String.init) ?? "?") out tokens"))
        }
        if let l = c.location { facts.append(("at", l)) }
        if let s = c.status { facts.append(("HTTP", "\(s)")) }
        var html = "<div class=\"call\(c.failed ? " failed" : "")\"><h3>\(index). \(esc(c.operation)) <small>\(esc(c.model))</small></h3>"
        html += "<dl>" + facts.map { "<dt>\(esc($0))</dt><dd>\(esc($1))</dd>" }.joined() + "</dl>"
        if let p = c.prompt { html += "<p class=\"prompt\"><b>prompt</b> \(esc(p))</p>" }
        if let p = c.revisedPrompt { html += "<p class=\"prompt\"><b>revised</b> \(esc(p))</p>" }
        if let kind = c.errorKind {
            html += "<pre class=\"error\"><b>\(esc(kind))</b>\(c.location.map { " at " + esc($0) } ?? ""): \(esc(c.errorMessage ?? ""))</pre>"
        }
        if !c.images.isEmpty {
            html += "<div class=\"images\">"
            if let parent = c.parentSHA256, let t = thumbs[parent] {
                html += "<figure class=\"parent\"><img src=\"\(t)\" alt=\"parent image\"><figcaption>parent \(esc(String(parent.prefix(8))))</figcaption></figure><span class=\"arrow\">→</span>"
            }
            for i in c.images { html += figure(i) }
            html += "</div>"
        }
        return html + "</div>"
    }

    private func figure(_ i: ReportImage) -> String {
        let size = i.bytes < 1024 ? "\(i.bytes) B" : i.bytes < 1 << 20 ? "\(i.bytes / 1024) KB" : String(format: "%.1f MB", Double(i.bytes) / 1048576)
        let caption = "\(i.width)×\(i.height) \(i.format) · \(size)"
        let img = i.thumbnail.map { "<img src=\"\($0)\" alt=\"\(esc(caption))\">" } ?? "<span class=\"nothumb\">no preview</span>"
        let linked = i.href.map { "<a href=\"\(esc($0))\">\(img)</a>" } ?? img
        return "<figure>\(linked)<figcaption>\(esc(caption))</figcaption></figure>"
    }

    /// Escapes text for element content and attribute values (the JUnit writer's escape: markup
    /// characters and quotes as entities, control characters as `?`).
    func esc(_ s: String) -> String { JUnitReport.escape(s) }


    static let css = """
        body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f6f6f7}
        header{background:#fff;border-bottom:1px solid #ddd;padding:16px 24px;position:sticky;top:0;z-index:1}
        h1{font-size:20px;margin:0 0 4px}.command{color:#555;margin:0 0 8px}.outcome{color:#b00020;font-weight:600}
        .totals{display:flex;flex-wrap:wrap;gap:8px}.chip{background:#eef;border-radius:12px;padding:2px 10px}
        .tools{margin:10px 0 0}#filter{width:min(480px,70vw);padding:6px 8px;font:inherit}#shown{color:#666}
        main{padding:16px 24px}.row{background:#fff;border:1px solid #ddd;border-left:6px solid #3a3;border-radius:6px;margin:0 0 12px;padding:10px 14px}
        .row.failed{border-left-color:#d22}.row.skipped{border-left-color:#aaa}.row[hidden]{display:none}
        h2{font-size:15px;margin:0}h3{font-size:14px;margin:8px 0 4px}small{color:#666;font-weight:normal}
        .badge{text-transform:uppercase;font-size:11px;padding:1px 6px;border-radius:4px;background:#3a3;color:#fff}
        .failed .badge{background:#d22}.skipped .badge{background:#888}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:0 12px;margin:4px 0}dt{color:#666}dd{margin:0}
        .prompt{margin:4px 0;white-space:pre-wrap}.error{background:#fff0f0;color:#900;padding:6px 8px;white-space:pre-wrap;border-radius:4px}
        .note{background:#f3f3f3;color:#444;padding:6px 8px;white-space:pre-wrap;border-radius:4px}
        .images{display:flex;flex-wrap:wrap;align-items:center;gap:10px}figure{margin:0;text-align:center}
        figure img{max-width:192px;max-height:192px;border:1px solid #ccc;background:repeating-conic-gradient(#eee 0 25%,#fff 0 50%) 0/16px 16px}
        figcaption{font-size:12px;color:#666}.arrow{font-size:24px;color:#888}.nothumb{display:inline-block;padding:40px 20px;border:1px dashed #aaa}
        """

    static let script = """
        (function(){
          var input=document.getElementById('filter'),only=document.getElementById('only-failed'),
              shown=document.getElementById('shown'),rows=[].slice.call(document.querySelectorAll('.row'));
          function apply(){
            var q=input.value.toLowerCase(),n=0;
            rows.forEach(function(r){
              var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!only.checked||r.dataset.status==='failed');
              r.hidden=!ok;if(ok)n++;
            });
            shown.textContent=n+' of '+rows.length+' shown';
          }
          input.addEventListener('input',apply);only.addEventListener('change',apply);apply();
        })();
        """
}
