import ArgumentParser
import Foundation
import LimnConfig
import LimnHistory
import LimnLua
import LimnRouter

/// `limn history`: recent calls and their images, from the history store.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recent calls and the images they returned (from $LIMN_HOME/history.sqlite).",
        subcommands: [HistoryList.self, HistoryShow.self, HistoryPrune.self, HistoryDiskUsage.self],
        defaultSubcommand: HistoryList.self
    )
}

/// `limn history [--model …] [--since …] [--search …] [--json]`
struct HistoryList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List recent calls (the default).")

    @Option(name: .long, help: "Only this model (globs like 'gpt-image-*' work).")
    var model: String?

    @Option(name: .long, help: "Only calls since this date (2026-11-01, 2026-11-01T10:00:00Z) or age (30m, 12h, 7d).")
    var since: String?

    @Option(name: .long, help: "Only calls whose prompt or reply contains this text.")
    var search: String?

    @Option(name: .customLong("run"), help: "Only calls of this run id.")
    var runID: Int64?

    @Flag(name: .long, help: "Only failed calls.")
    var failed = false

    @Option(name: .long, help: "How many calls at most (default 20).")
    var limit = 20

    @Flag(name: .long, help: "Export as JSON.")
    var json = false

    @Flag(name: .long, help: "Sum the matching calls (every one, not --limit): calls, images, tokens, retries, time and cost by limn.toml's [prices].")
    var totals = false

    func run() throws {
        let store = try HistoryAccess.open()
        var query = HistoryQuery(limit: totals ? Int(Int32.max) : limit, model: model, text: search)
        if let since { query.since = try DateArgument.parse(since) }
        if let runID { query.run = RunID(rawValue: runID) }
        if failed { query.failed = true }
        if totals {
            let sum = HistoryTotals.sum(try store.calls(matching: query), prices: HistoryTotals.prices())
            if json {
                print(String(decoding: JSONValue.object(["totals": sum.json]).serialized(), as: UTF8.self))
            } else {
                print(sum.line.replacingOccurrences(of: "limn: ", with: ""))
            }
            return
        }
        if json {
            let rows = try store.exportJSON(matching: query)
            print(String(decoding: JSONValue.array(rows).serialized(), as: UTF8.self))
            return
        }
        let calls = try store.calls(matching: query)
        if calls.isEmpty { Stderr.line("limn history: no calls match"); return }
        for c in calls {
            let when = ISO8601DateFormatter().string(from: c.started)
            let what = c.failure.map { "failed: \($0.kind)" } ?? (c.images.isEmpty ? (c.shape ?? "no image") : "\(c.images.count) image\(c.images.count == 1 ? "" : "s")")
            let prompt = (c.prompt ?? "").replacingOccurrences(of: "\n", with: " ")
            print("\(c.id.rawValue)\t\(when)\t\(c.operation) \(c.model)\t\(what)\t\(prompt.prefix(60))")
        }
    }
}

/// `limn history show ID`
struct HistoryShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one call with its images, parameters and where they are stored.")

    @Argument(help: "The call id (first column of 'limn history').")
    var id: Int64

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try HistoryAccess.open()
        guard let c = try store.call(CallID(rawValue: id)) else {
            Stderr.line("limn history: no call \(id)")
            throw ExitCode(1)
        }
        if json { print(String(decoding: c.json.serialized(), as: UTF8.self)); return }
        print("call \(c.id.rawValue) (run \(c.runID.rawValue), #\(c.sequence)): \(c.operation) \(c.model) via \(c.route ?? "?")")
        print("started   \(ISO8601DateFormatter().string(from: c.started))  (\(c.elapsedMilliseconds) ms, \(c.attempts) attempt\(c.attempts == 1 ? "" : "s"))")
        if let p = c.prompt { print("prompt    \(p)") }
        if let s = c.shape { print("shape     \(s)   status \(c.status.map(String.init) ?? "-")") }
        if let r = c.requestID { print("request   \(r)") }
        if let f = c.failure { print("error     \(f.kind): \(f.message)") }
        if let t = c.replyText, !t.isEmpty { print("text      \(t.prefix(500))") }
        print("params    \(String(decoding: JSONValue.object(c.parameters).serialized(), as: UTF8.self))")
        for img in c.images {
            print("image \(img.index)   \(img.format.rawValue) \(img.width)x\(img.height) \(img.byteCount) bytes sha256:\(img.sha256)")
            print("          \(img.storeURL.path)\(FileManager.default.fileExists(atPath: img.storeURL.path) ? "" : "  (not stored: pruned, or drawn offline)")")
            if let parent = img.parentSHA256 { print("          parent sha256:\(parent)") }
        }
    }
}

enum HistoryAccess {
    static func open() throws -> HistoryStore {
        let home = LimnHome.resolve(environment: ProcessInfo.processInfo.environment)
        do { return try HistoryStore.open(home: home) } catch {
            Stderr.line("limn history: cannot open the history at \(home.path): \(error)")
            throw ExitCode(2)
        }
    }
}

/// Parses `--since`: an ISO date or an age such as 30m, 12h, 7d.
enum DateArgument {
    static func parse(_ text: String) throws -> Date {
        if let unit = text.last, let n = Double(text.dropLast()), "smhd".contains(unit) {
            let scale: Double = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : 86400
            return Date(timeIntervalSinceNow: -n * scale)
        }
        let f = ISO8601DateFormatter()
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withFullDate]
        if let d = f.date(from: text) { return d }
        throw ValidationError("--since: give a date like 2026-11-01 or an age like 12h or 7d")
    }
}

/// `limn history --totals`: the usage totals of stored calls.
enum HistoryTotals {
    static func sum(_ calls: [CallRecord], prices: PriceTable) -> UsageTotals {
        var t = UsageTotals()
        for c in calls {
            let account = CallAccount(operation: c.operation, model: c.model, size: c.parameters["size"]?.stringValue,
                                      images: c.images.count, tokens: TokenUsage(c.usage), attempts: c.attempts,
                                      failed: c.failure != nil)
            t.add(account, prices: prices)
            t.retries += max(0, c.attempts - 1)
            t.seconds += Double(c.elapsedMilliseconds) / 1000
        }
        return t
    }

    /// The price table of the limn.toml files that apply in the current folder (none when they do not load).
    static func prices() -> PriceTable {
        configuration(warning: "so no cost is shown")?.prices ?? PriceTable()
    }

    /// The configuration that applies in the current folder, or nil (with a warning) when it does not load.
    static func configuration(warning: String = "so the defaults apply") -> LimnConfiguration? {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        do {
            return try LimnConfiguration.load(environment: ProcessInfo.processInfo.environment, scriptDirectory: cwd,
                                              homeDirectory: FileManager.default.homeDirectoryForCurrentUser, providerFlag: nil)
        } catch {
            Stderr.line("limn history: warning: limn.toml does not load, \(warning): \(error)")
            return nil
        }
    }
}
