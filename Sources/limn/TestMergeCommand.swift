import ArgumentParser
import Foundation

/// `limn test merge DIR…`: the results of `limn test --shard K/N` runs joined into one.
struct TestMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the results of sharded test runs (their --out folders) into one JUnit file and summary.",
        discussion: """
            Each folder is the --out of one `limn test --shard K/N` run (it holds results.json). \
            The shards must all be of the same N and all present, each once, and no test file may \
            appear in two of them. Prints the failures and 'N passed, N failed'; exits 1 on any \
            failure and 2 when the shards do not fit together.
            """
    )

    @Argument(help: "The --out folders (or results.json files) of the shard runs.", completion: .directory)
    var folders: [String]

    @Option(name: .long, help: "Write the merged JUnit XML report to this file.", completion: .file(extensions: ["xml"]))
    var junit: String?

    @Option(name: .long, help: "Write one HTML report of every shard's tests to this file (their calls and thumbnails when the shards ran with --html).",
            completion: .file(extensions: ["html"]))
    var html: String?

    /// Parses and runs `limn test merge ARGS` with this command's own help and errors; never returns.
    static func runRouted(_ arguments: [String]) -> Never {
        do {
            let command = try parse(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error).replacingOccurrences(of: "USAGE: merge", with: "USAGE: limn test merge"))
                Foundation.exit(0)
            }
            Stderr.line(fullMessage(for: error))
            Foundation.exit(2)
        }
    }

    func run() throws {
        let runs: [TestResultsFile]
        do {
            runs = try folders.map { path throws(TestMergeError) in try TestResultsFile.read(path) }
            try Self.checkFit(runs, names: folders)
        } catch {
            Stderr.line("limn test merge: \(error)")
            throw ExitCode(2)
        }
        let results = runs.flatMap(\.results)
        for r in results where r.status == .failed { print(r.line) }
        if let junit {
            do { try JUnitReport.xml(results).write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                Stderr.line("limn test merge: cannot write \(junit): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        if let html {
            let url = URL(fileURLWithPath: html)
            let folder = url.deletingLastPathComponent().standardizedFileURL
            var cases: [ReportCase] = []
            var totals = UsageTotals()
            for run in runs {
                for (index, result) in run.results.enumerated() {
                    let calls = (run.calls.map { index < $0.count ? $0[index] : [] } ?? []).map { call in
                        var call = call
                        call.images = call.images.map { image in
                            var image = image
                            image.href = image.href.map { ReportCollector.relativePath(from: folder, to: URL(fileURLWithPath: $0).standardizedFileURL) }
                            return image
                        }
                        return call
                    }
                    cases.append(ReportCase(result: result, calls: calls))
                }
                if let t = run.totals { totals = totals.adding(t) }
            }
            let page = ReportHTML(title: "limn test merge", command: CommandLineText.current, generated: Date(), totals: totals,
                                  outcome: nil, calls: cases.flatMap(\.calls), cases: cases).render()
            do { try Data(page.utf8).write(to: url, options: .atomic) } catch {
                Stderr.line("limn test merge: cannot write \(html): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        let shards = runs.compactMap(\.shard)
        print(TestSummary.line(results) + (shards.isEmpty ? "" : " (\(shards.count) shards)"))
        if results.contains(where: { $0.status == .failed }) { throw ExitCode(1) }
    }

    /// Sharded runs must be 1…N of one N, each once; no file may have run in two of them.
    static func checkFit(_ runs: [TestResultsFile], names: [String]) throws(TestMergeError) {
        let shards = runs.compactMap(\.shard)
        if !shards.isEmpty {
            guard shards.count == runs.count else {
                throw TestMergeError("some results are from sharded runs and some are not; merge the shards of one run")
            }
            let counts = Set(shards.map(\.count))
            guard counts.count == 1, let n = counts.first else {
                throw TestMergeError("the shards are of different runs (of \(counts.sorted().map(String.init).joined(separator: " and ")) shards)")
            }
            var seen: [Int: String] = [:]
            for (shard, name) in zip(shards, names) {
                if let earlier = seen[shard.index] {
                    throw TestMergeError("shard \(shard) appears twice (\(earlier) and \(name))")
                }
                seen[shard.index] = name
            }
            let missing = (1...n).filter { seen[$0] == nil }
            guard missing.isEmpty else {
                throw TestMergeError("shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) missing: "
                    + "a merge of fewer shards would not run every test")
            }
        }
        var owner: [String: String] = [:]
        for (run, name) in zip(runs, names) {
            for file in run.files {
                if let other = owner[file] { throw TestMergeError("\(file) ran in both \(other) and \(name)") }
                owner[file] = name
            }
        }
    }
}
