import Foundation

/// The folder Limn keeps its history and image store in.
public enum LimnHome {
    /// `$LIMN_HOME`, else `$XDG_DATA_HOME/limn`, else `~/.local/share/limn`.
    ///
    /// Empty variables count as unset, and a relative `XDG_DATA_HOME` is ignored as the XDG
    /// Base Directory specification asks. `~` is `$HOME`, else the account's home folder.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let home = nonEmpty(environment["LIMN_HOME"]) {
            return URL(fileURLWithPath: expandTilde(home, environment: environment), isDirectory: true)
        }
        if let data = nonEmpty(environment["XDG_DATA_HOME"]), data.hasPrefix("/") {
            return URL(fileURLWithPath: data, isDirectory: true).appendingPathComponent("limn", isDirectory: true)
        }
        return URL(fileURLWithPath: userHome(environment), isDirectory: true)
            .appendingPathComponent(".local/share/limn", isDirectory: true)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func userHome(_ environment: [String: String]) -> String {
        nonEmpty(environment["HOME"]) ?? FileManager.default.homeDirectoryForCurrentUser.path
    }

    private static func expandTilde(_ path: String, environment: [String: String]) -> String {
        if path == "~" { return userHome(environment) }
        if path.hasPrefix("~/") { return userHome(environment) + String(path.dropFirst(1)) }
        return path
    }
}
