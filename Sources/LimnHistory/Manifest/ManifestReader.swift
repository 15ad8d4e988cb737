import Foundation
import LimnRouter

/// Reads a manifest back: its lines as JSON, and its calls with the saved paths folded in.
public enum ManifestReader {
    /// Every non-empty line parsed as a JSON object, in order.
    /// - Throws: `HistoryError` naming the first line that is not a JSON object.
    public static func lines(in data: Data) throws -> [JSONObject] {
        var result: [JSONObject] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
            let value: JSONValue
            do {
                value = try JSONValue.parse(Data(line))
            } catch {
                throw HistoryError.invalidManifestLine("line \(number + 1): \(error.description)")
            }
            guard let object = value.objectValue else {
                throw HistoryError.invalidManifestLine("line \(number + 1) is not a JSON object")
            }
            result.append(object)
        }
        return result
    }

    /// The `call` lines, each image given a `"saved"` list of the paths later `saved` lines
    /// name for its sha256 (an image saved twice lists both paths, in order).
    public static func calls(in data: Data) throws -> [JSONObject] {
        let all = try lines(in: data)
        var savedPaths: [String: [JSONValue]] = [:]
        for line in all where line["event"]?.stringValue == "saved" {
            if let sha = line["sha256"]?.stringValue, let path = line["path"] {
                savedPaths[sha, default: []].append(path)
            }
        }
        return all.filter { $0["event"]?.stringValue == "call" }.map { call in
            var call = call
            if let images = call["images"]?.arrayValue {
                call["images"] = .array(images.map { image in
                    guard var object = image.objectValue, let sha = object["sha256"]?.stringValue else { return image }
                    object["saved"] = .array(savedPaths[sha] ?? [])
                    return .object(object)
                })
            }
            return call
        }
    }
}
