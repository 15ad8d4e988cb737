import ArgumentParser
import Foundation
import LimnConfig
import LimnRouter

/// `limn probe`: a minimal request per model and route, and what came back.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Send a minimal request for each model and show status, shape, and whether an image came back.",
        discussion: "Exit status: 0 when every probe answered (image or not), 1 when any failed."
    )

    @Option(name: .long, help: "Comma-separated models to probe (default: a list across families).")
    var models: String?

    @Flag(name: .long, help: "Try every route for every model, not only its configured one.")
    var allRoutes = false

    @OptionGroup var common: CommonOptions

    /// `--json` (of the common options): JSON instead of a table.
    private var json: Bool { common.json }

    func run() throws {
        let setup = try RunSetup(common: common.settings, script: FileManager.default.currentDirectoryPath + "/probe", announce: !json, progress: false)
        defer { setup.shutdown() }
        let list = models.map(RouterProbe.parseModels) ?? RouterProbe.defaultModels
        let probe = RouterProbe(configuration: setup.configuration, models: list, allRoutes: allRoutes)
        guard let client = setup.performer as? RouterClient else { throw ExitCode(2) }
        let done = DispatchSemaphore(value: 0)
        let box = Locked<ProbeReport?>(nil)
        let quiet = common.quiet || json
        Task.detached {
            let report = await probe.run({ call throws(RouterError) in try await client.perform(call) }) { result in
                if !quiet { Stderr.line("limn: probed \(result.model) on \(result.route.rawValue): \(result.outcome)") }
            }
            box.withLock { $0 = report }
            done.signal()
        }
        done.wait()
        guard let report = box.withLock({ $0 }) else { throw ExitCode(1) }
        print(json ? report.json() : report.table())
        if report.failed > 0 { throw ExitCode(1) }
    }
}
