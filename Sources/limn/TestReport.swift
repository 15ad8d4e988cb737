import Foundation

/// One `limn.test` case (or a whole file that has none).
struct TestCaseResult {
    enum Status: String { case passed, failed, skipped }
    let file: String
    let name: String
    let status: Status
    let seconds: Double
    let message: String?

    /// `ok   name (0.12s)`, `FAIL name (0.01s)` with the failure indented below, `skip name (…)`.
    var line: String {
        let tag = status == .passed ? "ok  " : status == .failed ? "FAIL" : "skip"
        var line = "\(tag) \(name) (\(String(format: "%.2fs", seconds)))"
        if let message, status != .passed {
            line += "\n     " + message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n     ")
        }
        return line
    }
}

/// The closing line: `N passed, N failed` (`, N skipped` when any).
enum TestSummary {
    static func line(_ results: [TestCaseResult]) -> String {
        let passed = results.filter { $0.status == .passed }.count
        let failed = results.filter { $0.status == .failed }.count
        let skipped = results.filter { $0.status == .skipped }.count
        return "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}

/// JUnit XML, one `<testsuite>` per file.
enum JUnitReport {
    static func xml(_ results: [TestCaseResult]) -> String {
        var files: [String] = []
        for r in results where !files.contains(r.file) { files.append(r.file) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let failures = results.filter { $0.status == .failed }.count
        let skipped = results.filter { $0.status == .skipped }.count
        out += "<testsuites name=\"limn\" tests=\"\(results.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">\n"
        for file in files {
            let cases = results.filter { $0.file == file }
            let time = cases.reduce(0) { $0 + $1.seconds }
            out += "  <testsuite name=\"\(escape(file))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { $0.status == .failed }.count)\" "
            out += "skipped=\"\(cases.filter { $0.status == .skipped }.count)\" time=\"\(String(format: "%.3f", time))\">\n"
            for c in cases {
                out += "    <testcase classname=\"\(escape(file))\" name=\"\(escape(c.name))\" time=\"\(String(format: "%.3f", c.seconds))\""
                switch c.status {
                case .passed: out += "/>\n"
                case .failed:
                    let first = c.message?.split(separator: "\n").first.map(String.init) ?? "failed"
                    out += ">\n      <failure message=\"\(escape(first))\">\(escape(c.message ?? ""))</failure>\n    </testcase>\n"
                case .skipped:
                    out += ">\n      <skipped message=\"\(escape(c.message ?? ""))\"/>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters.
                if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" { out += "?" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
