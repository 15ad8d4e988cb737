import Foundation
import LimnImage
import LimnRouter

/// A recording of HTTP exchanges: a folder with a reviewable text index and the bodies beside it.
///
/// ```
/// DIR/index.jsonl        a header line, then one exchange per line (JSON, keys sorted)
/// DIR/bodies/<sha256>.png   images (responses, inputs, base64 payloads decoded)
/// DIR/bodies/<sha256>.json  bodies over 4 KiB, and JSON templates whose images were swapped out
/// ```
/// The index is append-only: each exchange is one line written whole after its bodies, so a run
/// that dies loses nothing already recorded. It never holds a key.
public struct Cassette: Sendable, Equatable {
    /// The index file's name.
    public static let indexName = "index.jsonl"
    /// The body folder's name.
    public static let bodiesName = "bodies"
    /// The format this version reads and writes.
    static let formatVersion = 1
    /// The first line of every index.
    static let headerLine: Data = {
        var line = JSONValue.object(["format": "limn-cassette", "version": .int(Int64(formatVersion))]).serializedCanonical()
        line.append(0x0A)
        return line
    }()

    /// The cassette's folder.
    public let folder: URL

    /// The cassette in `folder` (which need not exist yet).
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// `folder/index.jsonl`.
    public var indexURL: URL { folder.appendingPathComponent(Self.indexName) }
    /// `folder/bodies`.
    public var bodiesURL: URL { folder.appendingPathComponent(Self.bodiesName, isDirectory: true) }
    /// Whether the folder holds an index.
    public var exists: Bool { FileManager.default.fileExists(atPath: indexURL.path) }

    /// How many exchanges the index holds.
    /// - Throws: `CassetteError` when there is no index or it is malformed.
    public func exchangeCount() throws(CassetteError) -> Int { try entries().count }

    /// The recorded exchanges in the order they were written. A last line cut short by a crash
    /// (no newline, not JSON) is ignored.
    func entries() throws(CassetteError) -> [CassetteEntry] {
        guard exists else {
            throw CassetteError(.missing, "no recording at \(folder.path) (\(Self.indexName) not found); record one with --record")
        }
        let data: Data
        do {
            data = try Data(contentsOf: indexURL)
        } catch {
            throw CassetteError(.io, "cannot read \(indexURL.path): \(error.localizedDescription)")
        }
        return try Self.entries(parsing: data, path: indexURL.path)
    }

    /// The exchanges in the index text `data` read from `path` (named in errors).
    static func entries(parsing data: Data, path: String) throws(CassetteError) -> [CassetteEntry] {
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        var entries: [CassetteEntry] = []
        var sawHeader = false
        for (number, line) in lines.enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            let isUnterminatedTail = number == lines.count - 1
            let value: JSONValue
            do {
                value = try JSONValue.parse(Data(line))
            } catch {
                if isUnterminatedTail { break }
                throw CassetteError(.corrupt, "\(path):\(number + 1): not JSON (\(error))")
            }
            if !sawHeader {
                try Self.checkHeader(value, at: path)
                sawHeader = true
                continue
            }
            do throws(CassetteError) {
                entries.append(try CassetteEntry(indexValue: value))
            } catch {
                throw CassetteError(.corrupt, "\(path):\(number + 1): \(error.message)")
            }
        }
        return entries
    }

    /// The bytes of `bodies/<name>`.
    func body(named name: String) throws(CassetteError) -> Data {
        guard CassetteBlob.isValidName(name) else {
            throw CassetteError(.corrupt, "the index of \(folder.path) names a body '\(name)' that is not <sha256>.<ext>")
        }
        let url = bodiesURL.appendingPathComponent(name)
        let place = "body file \(Self.bodiesName)/\(name) of \(folder.path)"
        // A body is a plain file whose bytes hash to its name: a symlink or a swapped file could
        // hand the recipe any file on the machine as a router's answer.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else {
            throw CassetteError(.corrupt, "\(place) is missing or unreadable")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw CassetteError(.corrupt, "\(place) is not a regular file (a symlink?); a cassette holds its bodies itself")
        }
        if let size = attributes[.size] as? Int, size > Self.maxBodyBytes {
            throw CassetteError(.corrupt, "\(place) is \(size) bytes, more than a recorded answer can be (\(Self.maxBodyBytes))")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CassetteError(.corrupt, "\(place) is missing or unreadable")
        }
        guard SHA256Digest.hex(data) == name.prefix(64) else {
            throw CassetteError(.corrupt, "\(place) does not hash to its name: it was changed after recording; record the cassette again")
        }
        return data
    }

    /// The largest body file read (a recorded answer is at most 512 MB by default, and a
    /// limn.toml may raise that to 4 GB).
    static let maxBodyBytes = 4 << 30

    private static func checkHeader(_ value: JSONValue, at path: String) throws(CassetteError) {
        guard value["format"]?.stringValue == "limn-cassette", let version = value["version"]?.intValue else {
            throw CassetteError(.corrupt, "\(path) does not start with a limn-cassette header line")
        }
        guard version <= formatVersion else {
            throw CassetteError(.corrupt, "\(path) is cassette format \(version), newer than this Limn reads (\(formatVersion)); update Limn")
        }
    }
}
