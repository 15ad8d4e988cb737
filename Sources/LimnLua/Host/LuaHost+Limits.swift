import CLua
import CLuaShim
import Foundation
import LimnRouter

extension LuaHost {
    /// Whether a memory or CPU-time limit applies to this run.
    var limitsActive: Bool { options.memoryLimit > 0 || options.timeLimit != nil }

    /// Caps the heap and the CPU time (`--memory-limit`, `--time-limit`), and puts in the
    /// protected calls that re-raise a tripped limit, so `pcall` cannot swallow one.
    func installLimits() {
        guard limitsActive else { return }
        let memory = options.memoryLimit
        let seconds = options.timeLimit.map { Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18 } ?? 0
        let memoryText = "the recipe went over its memory limit of \(Quantity.describe(bytes: memory)) "
            + "(Lua's heap and the images it holds); raise it with --memory-limit if the recipe needs more"
        let timeText = "the recipe ran past its time limit of \(options.timeLimit.map(Quantity.describe) ?? "?") of CPU time "
            + "(waiting for the router does not count); raise it with --time-limit if the recipe needs more"
        let script = URL(fileURLWithPath: options.scriptPath).lastPathComponent
        let stuckText = "\(script): limit: the recipe ran past its time limit of \(options.timeLimit.map(Quantity.describe) ?? "?") "
            + "of CPU time inside one library call that cannot be interrupted (a costly string pattern, a huge table.move), "
            + "so Limn ended the process; files already saved are complete"
        shim_set_stuck_message(L, stuckText)
        shim_set_limits(L, memory, seconds, memoryText, timeText)
        shim_install_guarded_pcall(L)
    }

    /// Counts an image's bytes against the memory cap while Lua holds it; when the cap is near,
    /// collects first so images the recipe dropped are freed before they count.
    func holdExternal(_ bytes: Int) {
        guard options.memoryLimit > 0 else { return }
        shim_add_external(L, Int64(bytes))
        if shim_over_memory(L) != 0 { _ = shim_gc_collect(L) }
    }

    /// Releases what `holdExternal` counted.
    func releaseExternal(_ bytes: Int) {
        guard options.memoryLimit > 0 else { return }
        shim_add_external(L, -Int64(bytes))
    }
}
