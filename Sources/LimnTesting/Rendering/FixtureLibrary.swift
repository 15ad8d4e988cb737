import Foundation

/// The fixture files in `Sources/LimnTesting/Fixtures`, loaded once from the module's resources.
public enum FixtureLibrary {
    /// Every fixture by file name.
    public static let all: [String: FixtureTemplate] = load()

    /// The fixture named `name`, e.g. `images-b64.json`.
    public static func template(_ name: String) -> FixtureTemplate? { all[name] }

    /// The folder holding the fixture files, or nil when the resources are missing.
    public static var directory: URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)
    }

    private static func load() -> [String: FixtureTemplate] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [:] }
        var out: [String: FixtureTemplate] = [:]
        for name in names where !name.hasPrefix(".") && name != "README.md" {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { continue }
            out[name] = FixtureTemplate(name: name, text: String(decoding: data, as: UTF8.self))
        }
        return out
    }
}
