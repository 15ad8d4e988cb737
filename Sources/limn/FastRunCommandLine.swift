import ArgumentParser

/// Parses the plain forms of `limn run SCRIPT [OPTIONS] [-- ARGS]` (and `limn SCRIPT ...`)
/// without swift-argument-parser.
///
/// Its parse reflects over every command and option (Mirror, protocol conformance scans):
/// measured at 29% of an empty recipe's start-up (docs/performance.md). This parser knows the
/// options of `RunCommand` as plain values and gives up, returning nil, on anything it is not
/// sure of: `--help`, an unknown or repeated option, a flag given a value, a value that looks
/// like an option, a short option other than `-q` and `-v`, a second script, a script that does
/// not exist, an option value that would not validate. swift-argument-parser then parses the same
/// words and says what is wrong, so errors, help and completions are exactly as before.
/// `FastRunCommandLineTests` checks that both parsers agree wherever this one answers.
enum FastRunCommandLine {
    private static let values: [String: WritableKeyPath<RunInvocation, String?> & Sendable] = [
        "out": \.common.out, "provider": \.common.provider, "manifest": \.common.manifest,
        "memory-limit": \.common.memoryLimit, "time-limit": \.common.timeLimit,
        "record": \.record, "replay": \.replay, "report": \.report,
    ]
    private static let flags: [String: WritableKeyPath<RunInvocation, Bool> & Sendable] = [
        "no-history": \.common.noHistory, "no-metadata": \.common.noMetadata, "quiet": \.common.quiet,
        "verbose": \.common.verbose, "json": \.common.json, "sandbox": \.common.sandbox,
    ]
    private static let shortFlags: [String: String] = ["-q": "quiet", "-v": "verbose"]

    /// The invocation `arguments` (without the program name) ask for, validated; nil when
    /// swift-argument-parser should read them.
    static func parse(_ arguments: [String]) -> RunInvocation? {
        guard let first = arguments.first else { return nil }
        var words = arguments[...]
        if first == RunCommand._commandName {
            words = words.dropFirst()
        } else if first.hasPrefix("-") || first == "help"
                    || LimnCommand.configuration.subcommands.contains(where: { $0._commandName == first }) {
            return nil
        }
        guard let invocation = parseRun(words), (try? invocation.validate()) != nil else { return nil }
        return invocation
    }

    private static func parseRun(_ words: ArraySlice<String>) -> RunInvocation? {
        var script: String?
        var invocation = RunInvocation(script: "")
        var seen: Set<String> = []
        var i = words.startIndex
        while i < words.endIndex {
            let word = words[i]
            i += 1
            if word == "--" {
                invocation.scriptArguments = Array(words[i...])
                break
            }
            guard word.hasPrefix("-") else {
                guard script == nil, word != "help" else { return nil }
                script = word
                continue
            }
            var name: Substring
            var attached: String?
            if let long = shortFlags[word] {
                name = long[...]
            } else {
                guard word.hasPrefix("--"), word.count > 2 else { return nil }
                name = word.dropFirst(2)
                if let eq = name.firstIndex(of: "=") {
                    attached = String(name[name.index(after: eq)...])
                    name = name[..<eq]
                }
            }
            let key = String(name)
            guard key == "allow-read" || seen.insert(key).inserted else { return nil }
            if let flag = flags[key] {
                guard attached == nil else { return nil }
                invocation[keyPath: flag] = true
                continue
            }
            let value: String
            if let attached {
                value = attached
            } else {
                guard i < words.endIndex, !words[i].hasPrefix("-") else { return nil }
                value = words[i]
                i += 1
            }
            switch key {
            case "concurrency":
                guard let n = Int(value) else { return nil }
                invocation.common.concurrency = n
            case "timeout":
                guard let t = Double(value) else { return nil }
                invocation.common.timeout = t
            case "allow-read":
                invocation.common.allowRead.append(value)
            default:
                guard let path = values[key] else { return nil }
                invocation[keyPath: path] = value
            }
        }
        guard let script else { return nil }
        invocation.script = script
        return invocation
    }
}
