import Foundation

/// Finds strings that look like API keys in files: the check that keeps keys out of recordings,
/// fixtures and regression suites committed to a repository.
///
/// Rules: OpenAI-style `sk-…` (20+ characters), Google `AIza…`, AWS `AKIA…`, GitHub `ghp_…`,
/// Slack `xox?-…`, `Bearer <token>`, and a long high-entropy value right after a credential name
/// (`authorization`, `api-key`, `x-goog-api-key`, `key`, `token`, `secret`, …) and `:`, `=` or
/// `,` — which covers header fields in a cassette index (`["x-api-key","…"]`) and `?key=` queries.
/// Limn's own masked form (`sk-…xyz4`) and `[redacted]` do not match.
public enum KeyScanner {
    /// One key-like string.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// The file's path relative to the folder scanned.
        public var file: String
        /// The 1-based line of the match.
        public var line: Int
        /// Which rule matched (`openai-key`, `bearer-token`, `credential-field`, …).
        public var rule: String
        /// The match masked (its first four characters and its length), so reports never leak it.
        public var masked: String

        /// `path:line: rule (abcd… 40 chars)`.
        public var description: String { "\(file):\(line): \(rule) (\(masked))" }
    }

    /// Every key-like string in the regular files under `folder` (recursively; `.git` skipped).
    /// A folder that does not exist holds no findings.
    /// - Throws: when a file cannot be read.
    public static func findKeyLike(in folder: URL) throws -> [Finding] {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: root.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return try findKeyLike(inFile: root, named: root.lastPathComponent) }
        guard let walker = files.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey]) else {
            return []
        }
        var findings: [Finding] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if values.isDirectory == true, url.lastPathComponent == ".git" {
                walker.skipDescendants()
                continue
            }
            guard values.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.resolvingSymlinksInPath().path.dropFirst(root.path.count + 1))
            findings += try findKeyLike(inFile: url, named: relative)
        }
        return findings.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// Every key-like string in `text`, reported as in a file named `name`.
    public static func findKeyLike(inText text: String, named name: String = "<text>") -> [Finding] {
        scan(Array(text.utf8), file: name).map(\.finding)
    }

    /// The key-like strings themselves, unmasked: for checking that the key a script records
    /// with appears in no recording.
    static func keyLikeStrings(in data: Data) -> [String] {
        scan([UInt8](data), file: "").map(\.token)
    }

    private static func findKeyLike(inFile url: URL, named name: String) throws -> [Finding] {
        scan([UInt8](try Data(contentsOf: url)), file: name).map(\.finding)
    }

    private static func scan(_ bytes: [UInt8], file: String) -> [(finding: Finding, token: String)] {
        var findings: [(finding: Finding, token: String)] = []
        var line = 1
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A {
                line += 1
                i += 1
                continue
            }
            if KeyPattern.startsWord(bytes, at: i), let match = KeyPattern.match(bytes, at: i) {
                let token = String(decoding: bytes[match.token], as: UTF8.self)
                findings.append((Finding(file: file, line: line, rule: match.rule, masked: "\(token.prefix(4))… \(token.count) chars"), token))
                for b in bytes[i..<match.token.upperBound] where b == 0x0A { line += 1 }
                i = match.token.upperBound
                continue
            }
            i += 1
        }
        return findings
    }
}
