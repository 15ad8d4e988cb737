import Foundation
import LimnRouter

/// What a sandboxed recipe may touch on disk: it reads inside its own folder and the folders
/// named with `--allow-read`, and writes inside the output folder. A path is checked twice:
/// as written (`..` resolved lexically) and as it really is on disk (symlinks followed), so a
/// symlink inside an allowed folder that leads outside is refused too.
public struct SandboxPolicy: Sendable, Equatable {
    /// Folders the recipe may read, as real paths.
    public let readRoots: [String]
    /// The folder the recipe may write, as a real path.
    public let writeRoot: String

    /// A policy for a recipe at `script` reading also `allowRead`, writing under `output`.
    /// The output folder is created if needed (it is the user's own choice of folder).
    public init(script: String, allowRead: [String], output: URL) {
        try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let scriptFolder = URL(fileURLWithPath: script).deletingLastPathComponent().path
        readRoots = ([scriptFolder] + allowRead).map { SandboxPolicy.real($0) }
        writeRoot = SandboxPolicy.real(output.path)
    }

    init(readRoots: [String], writeRoot: String) {
        self.readRoots = readRoots
        self.writeRoot = writeRoot
    }

    /// Where a relative read path is looked for, in order: the recipe's folder, then each `--allow-read` folder.
    public var readSearchFolders: [URL] { readRoots.map { URL(fileURLWithPath: $0) } }

    /// nil when `url` may be read, else the refusal (kind `sandbox`).
    public func checkRead(_ url: URL, what: String) -> RouterError? {
        let lexical = url.standardizedFileURL.path
        let real = SandboxPolicy.real(lexical)
        if readRoots.contains(where: { SandboxPolicy.isInside(lexical, $0) }) && readRoots.contains(where: { SandboxPolicy.isInside(real, $0) }) {
            return nil
        }
        let via = real != lexical && readRoots.contains(where: { SandboxPolicy.isInside(lexical, $0) }) ? " (a symlink leads to \(real))" : ""
        return RouterError(.sandbox, "\(what): '\(lexical)' is outside the folders the sandbox may read\(via): "
            + "\(readRoots.joined(separator: ", ")); pass --allow-read DIR to allow another folder")
    }

    /// nil when `url` may be written, else the refusal (kind `sandbox`). The deepest folder of
    /// the path that exists must really be inside the output folder, and so must the file if it exists.
    public func checkWrite(_ url: URL, what: String) -> RouterError? {
        let lexical = url.standardizedFileURL.path
        let refusal = RouterError(.sandbox, "\(what): '\(lexical)' is outside the output folder \(writeRoot); "
            + "in the sandbox save() writes only under --out (use a relative path such as \"cats/1.png\")")
        guard SandboxPolicy.isInside(lexical, writeRoot), lexical != writeRoot else { return refusal }
        var probe = URL(fileURLWithPath: lexical)
        while !FileManager.default.fileExists(atPath: probe.path) && probe.path != "/" {
            probe.deleteLastPathComponent()
        }
        let real = SandboxPolicy.real(probe.path)
        guard SandboxPolicy.isInside(real, writeRoot) else {
            return RouterError(.sandbox, "\(what): '\(lexical)' leads outside the output folder \(writeRoot) (through \(real)); the sandbox refuses it")
        }
        return nil
    }

    /// `path` with symlinks resolved (as far as it exists).
    static func real(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
