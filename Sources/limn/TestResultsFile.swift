import Foundation
import LimnRouter

/// `results.json` in a test run's `--out` folder: every case with its outcome and the shard that
/// ran it, so `limn test merge` can join the runs of several machines.
struct TestResultsFile {
    static let name = "results.json"
    static let format = "limn-test-results"

    var shard: TestShard?
    /// The test files this run was given after sharding (a shard may have none).
    var files: [String]
    var results: [TestCaseResult]
    /// The usage totals of the run.
    var totals: UsageTotals?
    /// With `--html`: each result's calls (as the report shows them), in the order of `results`.
    var calls: [[ReportCall]]?

    func json() -> JSONValue {
        var object: JSONObject = ["format": .string(Self.format), "version": 1]
        object["shard"] = shard.map { .string($0.description) } ?? .null
        object["files"] = .array(files.map { .string($0) })
        object["results"] = .array(results.enumerated().map { index, r in
            var o: JSONObject = ["file": .string(r.file), "name": .string(r.name), "status": .string(r.status.rawValue),
                                 "seconds": .double(r.seconds)]
            o["message"] = r.message.map { .string($0) } ?? .null
            if let calls, index < calls.count { o["calls"] = .array(calls[index].map(\.json)) }
            return .object(o)
        })
        object["totals"] = totals?.json ?? .null
        return .object(object)
    }

    /// Writes `folder/results.json` (replacing it whole).
    func write(into folder: URL) throws {
        var data = json().serialized()
        data.append(0x0A)
        try data.write(to: folder.appendingPathComponent(Self.name), options: .atomic)
    }

    /// Reads `path` (a results.json, or a folder holding one).
    /// - Throws: `ValidationError`-style messages naming the file and what is wrong.
    static func read(_ path: String) throws(TestMergeError) -> TestResultsFile {
        var url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            url.appendPathComponent(name)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TestMergeError("\(url.path): not found; give the --out folder of a `limn test` run (it writes \(name))")
        }
        guard let value = try? JSONValue.parse(data), value["format"]?.stringValue == format else {
            throw TestMergeError("\(url.path): not a limn test results file")
        }
        var shard: TestShard?
        if let text = value["shard"]?.stringValue {
            guard let parsed = TestShard(argument: text) else { throw TestMergeError("\(url.path): bad shard '\(text)'") }
            shard = parsed
        }
        var results: [TestCaseResult] = []
        var calls: [[ReportCall]] = []
        let folder = url.deletingLastPathComponent()
        let href = { (relative: String) in
            (relative.removingPercentEncoding ?? relative).hasPrefix("/") ? relative
                : folder.appendingPathComponent(relative.removingPercentEncoding ?? relative).standardizedFileURL.path
        }
        for item in value["results"]?.arrayValue ?? [] {
            calls.append((item["calls"]?.arrayValue ?? []).compactMap { ReportCall(json: $0, href: href) })
            guard let file = item["file"]?.stringValue, let name = item["name"]?.stringValue,
                  let status = item["status"]?.stringValue.flatMap(TestCaseResult.Status.init(rawValue:)) else {
                throw TestMergeError("\(url.path): a result without file, name or status")
            }
            results.append(TestCaseResult(file: file, name: name, status: status, seconds: item["seconds"]?.doubleValue ?? 0,
                                          message: item["message"]?.stringValue))
        }
        let files = (value["files"]?.arrayValue ?? []).compactMap(\.stringValue)
        return TestResultsFile(shard: shard, files: files, results: results, totals: UsageTotals(json: value["totals"]), calls: calls)
    }
}

/// Why shard results cannot be merged.
struct TestMergeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
