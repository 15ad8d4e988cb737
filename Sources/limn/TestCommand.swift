import ArgumentParser
import Foundation
import LimnLua

/// `limn test [PATH...]`
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run *_test.lua files and limn.test cases, each file in a fresh interpreter.",
        discussion: "Prints a line per case and ends with 'N passed, N failed'. Exits 1 on any failure."
    )

    @Argument(help: "Test files or folders (default: the current folder).")
    var paths: [String] = []

    @OptionGroup var common: CommonOptions

    func run() throws {
        let files = try TestDiscovery.files(in: paths.isEmpty ? ["."] : paths)
        guard !files.isEmpty else {
            Stderr.line("limn test: no *_test.lua files found in \(paths.isEmpty ? "." : paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        var passed = 0, failed = 0
        for file in files {
            let setup = try common.resolve(script: file, announce: false, progress: common.verbose)
            let cases = Locked<[(String, Bool, Double, String?)]>([])
            let report: @Sendable (RunEvent) -> Void = { event in
                if case .testCase(let name, let ok, let secs, let message) = event {
                    cases.withLock { $0.append((name, ok, secs, message)) }
                    print(TestLine.format(name: name, passed: ok, seconds: secs, message: message))
                } else {
                    setup.reporter.handle(event)
                }
            }
            let started = Date()
            let runner = ScriptRunner(options: setup.options(script: file, arguments: []), performer: setup.performer, report: report)
            let outcome = SignalTrap.run(runner)
            let recorded = cases.withLock { $0 }
            passed += recorded.filter { $0.1 }.count
            failed += recorded.filter { !$0.1 }.count
            switch outcome {
            case .success:
                if recorded.isEmpty {
                    passed += 1
                    print(TestLine.format(name: file, passed: true, seconds: Date().timeIntervalSince(started), message: nil))
                }
            case .failed(let message, _):
                failed += 1
                print(TestLine.format(name: file, passed: false, seconds: Date().timeIntervalSince(started), message: message))
            case .interrupted:
                print("\(passed) passed, \(failed) failed")
                throw ExitCode(130)
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}

/// One result line of `limn test`.
enum TestLine {
    static func format(name: String, passed: Bool, seconds: Double, message: String?) -> String {
        var line = "\(passed ? "ok  " : "FAIL") \(name) (\(String(format: "%.2fs", seconds)))"
        if let message, !passed {
            line += "\n     " + message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n     ")
        }
        return line
    }
}

/// Finds test files.
enum TestDiscovery {
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
                if rel.hasSuffix("_test.lua") { found.append((path as NSString).appendingPathComponent(rel)) }
            }
        }
        return found.sorted()
    }
}
