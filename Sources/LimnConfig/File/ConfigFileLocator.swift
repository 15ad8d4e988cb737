import Foundation

/// Finds the config files of DESIGN §4: the nearest `limn.toml` from the script's folder upward,
/// and the user's `config.toml` (`$XDG_CONFIG_HOME/limn/config.toml`, else `~/.config/limn/config.toml`).
enum ConfigFileLocator {
    /// The project file's name.
    static let projectFileName = "limn.toml"

    /// The nearest `limn.toml` in `directory` or any folder above it, up to the filesystem root.
    static func projectFile(from directory: URL) -> URL? {
        var folder = directory.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(projectFileName)
            if isFile(candidate) { return candidate }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path || folder.path == "/" { return nil }
            folder = parent
        }
    }

    /// The user's config file, whether or not it exists.
    static func userFile(environment: [String: String], homeDirectory: URL) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("limn/config.toml")
        }
        return homeDirectory.appendingPathComponent(".config/limn/config.toml")
    }

    static func isFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
