import Foundation
@testable import LimnConfig

/// A fresh folder under the system temp directory, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("limn-config-tests-\(UUID().uuidString)")
            .standardizedFileURL
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` at `relativePath`, creating folders; returns the file's URL.
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Creates a folder at `relativePath`; returns its URL.
    func folder(_ relativePath: String) throws -> URL {
        let folder = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Resolves a configuration from TOML text (as the project file) and an environment, with no disk.
func configuration(toml: String? = nil, path: String = "/project/limn.toml", environment: [String: String] = [:],
                   providerFlag: String? = nil, concurrencyFlag: Int? = nil) throws(ConfigError) -> LimnConfiguration {
    let file = try toml.map { text throws(ConfigError) in try ConfigFile.parse(text, path: path) } ?? ConfigFile()
    return try LimnConfiguration.resolve(environment: environment, file: file, providerFlag: providerFlag, concurrencyFlag: concurrencyFlag)
}

/// The `ConfigError` thrown by `body`, or nil when it threw none.
func configError(_ body: () throws -> Void) -> ConfigError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ConfigError
    }
}
