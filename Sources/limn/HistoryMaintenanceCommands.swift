import ArgumentParser
import Foundation
import LimnHistory
import LimnRouter

/// `limn history prune [--older-than 30d] [--max-size 1G] [--dry-run]`
struct HistoryPrune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove stored image bodies, oldest first; the calls and image rows stay, marked pruned.",
        discussion: "Images of a run still going are never removed. With neither option, the [history] max_size of limn.toml (default 2 GB) applies."
    )

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Remove images first seen longer ago than this (30m, 12h, 7d, or a date).", valueName: "age"))
    var olderThan: String?

    @Option(name: .customLong("max-size"), help: ArgumentHelp("Then remove the oldest until the stored images fit in this size (500M, 2G).", valueName: "size"))
    var maxSize: String?

    @Flag(name: .customLong("dry-run"), help: "Say what would be removed; remove nothing.")
    var dryRun = false

    func validate() throws {
        if let m = maxSize, Quantity.bytes(m) == nil { throw ValidationError("--max-size must be a size such as 500M or 2G (got '\(m)')") }
    }

    func run() throws {
        let cutoff = try olderThan.map { text -> Date in
            do { return try DateArgument.parse(text) } catch { throw ValidationError("--older-than: give an age like 30d or a date like 2026-11-01") }
        }
        var cap = maxSize.flatMap(Quantity.bytes).map(Int64.init)
        if cutoff == nil && cap == nil { cap = Int64(HistoryTotals.configuration()?.history.maxSize.value ?? 2 << 30) }
        let store = try HistoryAccess.open()
        let report = try store.prune(maxSize: cap, olderThan: cutoff, dryRun: dryRun)
        let size = Quantity.describe(bytes: Int(report.bytes))
        print("\(dryRun ? "would prune" : "pruned") \(report.images) image\(report.images == 1 ? "" : "s") (\(size))")
    }
}

/// `limn history du`
struct HistoryDiskUsage: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "du", abstract: "Show what the history holds and the disk it takes.")

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try HistoryAccess.open()
        let u = try store.usage()
        let cap = HistoryTotals.configuration()?.history.maxSize.value ?? 2 << 30
        if json {
            let o: JSONObject = ["home": .string(store.home.path), "runs": .int(Int64(u.runs)), "calls": .int(Int64(u.calls)),
                                 "stored_images": .int(Int64(u.storedImages)), "stored_bytes": .int(u.storedBytes),
                                 "pruned_images": .int(Int64(u.prunedImages)), "database_bytes": .int(u.databaseBytes),
                                 "max_size": .int(Int64(cap))]
            print(String(decoding: JSONValue.object(o).serialized(), as: UTF8.self))
            return
        }
        print("history   \(store.home.path)")
        print("runs      \(u.runs), calls \(u.calls)")
        print("images    \(u.storedImages) stored, \(Quantity.describe(bytes: Int(u.storedBytes))) of max_size \(Quantity.describe(bytes: cap))")
        print("pruned    \(u.prunedImages) (rows kept, bodies gone or never stored)")
        print("database  \(Quantity.describe(bytes: Int(u.databaseBytes)))")
    }
}
