import ArgumentParser
import Foundation
import LimnLua

/// `limn test [PATH...]`
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run *_test.lua files and limn.test cases, each file in a fresh interpreter.",
        discussion: """
            Prints a line per case and ends with 'N passed, N failed' (', N skipped' when any). \
            Exits 1 on any failure. With --replay or --record, each test file's recordings live \
            beside it in recordings/NAME/ (or under --recordings DIR). --shard K/N runs the \
            files of shard K out of N (by a stable hash of each file's path); `limn test merge` \
            joins the shards' --out folders. Every run writes results.json into --out.
            """,
        subcommands: [TestMergeCommand.self]
    )

    @Argument(help: "Test files or folders (default: the current folder).", completion: .custom(TestDiscovery.completions))
    var paths: [String] = []

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Answer calls from each test file's recordings, with no network.")
    var replay = false

    @Flag(name: .long, help: "Record each test file's exchanges (with --replay: record only what is missing).")
    var record = false

    @Option(name: .long, help: "Folder holding recordings, one subfolder per test file (default: recordings/ beside each file).", completion: .directory)
    var recordings: String?

    @Option(name: .long, help: "Write a JUnit XML report to this file.", completion: .file(extensions: ["xml"]))
    var junit: String?

    @Option(name: .long, help: "Write a self-contained HTML report (each test with its calls, thumbnails and errors, failures first) to this file.",
            completion: .file(extensions: ["html"]))
    var html: String?

    @Option(name: .long, help: "Run shard K of N (e.g. 2/4): the test files whose path hashes to K; the N shards together run every file once.")
    var shard: TestShard?

    func run() throws {
        let found = try TestDiscovery.files(in: paths.isEmpty ? ["."] : paths)
        guard !found.isEmpty else {
            Stderr.line("limn test: no *_test.lua files found in \(paths.isEmpty ? "." : paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        // A shard may get no file at all; it then passes with nothing to run.
        let files = shard.map { s in found.filter { s.contains($0) } } ?? found
        let out = common.out.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("limn-test-\(ProcessInfo.processInfo.processIdentifier)")
        let manifest = common.manifest ?? out.appendingPathComponent("manifest.jsonl").path
        try? FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // One manifest for the whole run: started empty here, appended to by each file's run.
        try? FileManager.default.removeItem(atPath: manifest)
        var results: [TestCaseResult] = []
        let meter = UsageMeter()
        let collector = html.map { ReportCollector(url: URL(fileURLWithPath: $0)) }
        defer { meter.print(quiet: common.quiet, json: common.json) }
        for file in files {
            let cassette = recordingFolder(for: file)
            let setup = try RunSetup(common: common.settings, script: file, announce: false, progress: common.verbose,
                                     record: record ? cassette : nil, replay: replay ? cassette : nil,
                                     manifest: manifest, appendManifest: true, outputDirectory: out, meter: meter, report: collector)
            defer { setup.shutdown() }
            let cases = Locked<[TestCaseResult]>([])
            let started = Date()
            let forward = setup.reporter.handle
            let outcome = setup.run(script: file, arguments: []) { event in
                if case .testCase(let name, let ok, let secs, let message) = event {
                    let skipped = !ok && (message?.contains(TestCommand.skipMarker) ?? false)
                    let r = TestCaseResult(file: file, name: name, status: ok ? .passed : skipped ? .skipped : .failed,
                                           seconds: secs, message: message.map(TestCommand.cleanSkip))
                    cases.withLock { $0.append(r) }
                    collector?.caseEnded(r)
                    print(r.line)
                } else {
                    forward(event)
                }
            }
            var recorded = cases.withLock { $0 }
            let elapsed = Date().timeIntervalSince(started)
            switch outcome {
            case .success where recorded.isEmpty:
                let r = TestCaseResult(file: file, name: file, status: .passed, seconds: elapsed, message: nil)
                print(r.line); recorded.append(r); collector?.caseEnded(r)
            case .success:
                break
            case .failed(let message, _):
                let r = TestCaseResult(file: file, name: file, status: .failed, seconds: elapsed, message: message)
                print(r.line); recorded.append(r); collector?.caseEnded(r)
            case .interrupted:
                results += recorded
                print(TestSummary.line(results))
                throw ExitCode(130)
            }
            results += recorded
            collector?.fileEnded()
        }
        if let collector {
            do {
                try collector.write(title: "limn test", command: CommandLineText.current, totals: meter.totals, outcome: nil, tests: true)
                if !common.quiet { Stderr.line("limn test: report: \(collector.url.path)") }
            } catch {
                Stderr.line("limn test: cannot write the report \(collector.url.path): \(error.localizedDescription)")
            }
        }
        if let junit {
            do { try JUnitReport.xml(results).write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                Stderr.line("limn test: cannot write \(junit): \(error.localizedDescription)")
            }
        }
        let calls = collector.map { c in c.linked(relativeTo: out).cases.map(\.calls) }
        do {
            try TestResultsFile(shard: shard, files: files, results: results, totals: meter.totals,
                                calls: calls?.count == results.count ? calls : nil).write(into: out)
        } catch {
            Stderr.line("limn test: cannot write \(out.appendingPathComponent(TestResultsFile.name).path): \(error.localizedDescription)")
        }
        print(TestSummary.line(results) + (shard.map { " (shard \($0.description), \(files.count) of \(found.count) files)" } ?? ""))
        if results.contains(where: { $0.status == .failed }) { throw ExitCode(1) }
    }

    /// Raised by `limn.skip(reason)`; recognised in a case's message.
    static let skipMarker = "limn.skip: "

    static func cleanSkip(_ message: String) -> String {
        guard let r = message.range(of: skipMarker) else { return message }
        return String(message[r.upperBound...])
    }

    private func recordingFolder(for file: String) -> String {
        let url = URL(fileURLWithPath: file)
        let name = url.deletingPathExtension().lastPathComponent
        if let recordings { return URL(fileURLWithPath: recordings).appendingPathComponent(name).path }
        return url.deletingLastPathComponent().appendingPathComponent("recordings").appendingPathComponent(name).path
    }
}

/// Finds test files.
enum TestDiscovery {
    /// Shell completion of `limn test`: the `*_test.lua` files and the folders under the word's
    /// folder that start with the word (at most 200, nothing under recordings/ or hidden folders).
    @Sendable static func completions(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let fm = FileManager.default
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        guard let names = try? fm.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return [] }
        var found: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") && name != "recordings" {
            let path = folder + name
            guard path.hasPrefix(prefix) else { continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue { found.append(path + "/") } else if name.hasSuffix("_test.lua") { found.append(path) }
            if found.count >= 200 { break }
        }
        return found
    }

    static func files(in paths: [String]) throws -> [String] {
        var found: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            if !isDir.boolValue { found.append(path); continue }
            let enumerator = fm.enumerator(atPath: path)
            while let rel = enumerator?.nextObject() as? String {
                if rel.hasSuffix("_test.lua") && !rel.contains("/recordings/") { found.append((path as NSString).appendingPathComponent(rel)) }
            }
        }
        return found.sorted()
    }
}
