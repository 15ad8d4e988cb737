import Foundation
import LimnRouter

/// A request reduced to what decides its answer: method, path and sorted query, the content-type
/// family, and the body with keys sorted, volatile fields dropped, the multipart boundary gone and
/// images named by their sha256. It never holds a key.
///
/// Its text form is one `label: value` line per fact, so two requests differ line by line:
/// ```
/// :method: POST
/// :path: /v1/images/generations
/// :content-type: application/json
/// model: "gpt-image-1"
/// prompt: "a red square"
/// ```
public struct CanonicalRequest: Sendable, Equatable {
    /// The body in canonical form.
    public enum Body: Sendable, Equatable {
        /// No body.
        case none
        /// A JSON body: keys sorted when written, large strings and images as `@sha256:` tokens.
        case json(JSONValue)
        /// A multipart form: parts sorted by name (same-name parts keep their order).
        case form([FormPart])
        /// Any other body: its text when short UTF-8, else a `@sha256:` token.
        case raw(String)
    }

    /// One multipart part.
    public struct FormPart: Sendable, Equatable {
        /// The field name.
        public var name: String
        /// The file name, for file parts.
        public var filename: String?
        /// The part's content type, for file parts.
        public var contentType: String?
        /// The text of a plain field, or nil for content stored as a token.
        public var text: String?
        /// `@sha256:<hex>.<ext>` for file and binary parts.
        public var content: String?

        /// A part.
        public init(name: String, filename: String? = nil, contentType: String? = nil, text: String? = nil, content: String? = nil) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.text = text
            self.content = content
        }
    }

    /// One line of the text form.
    public struct Line: Sendable, Equatable {
        /// `:method`, `:path`, `:content-type`, `:body`, a JSON path (`messages[0].content`) or a part name.
        public var label: String
        /// A JSON literal, or `file "a.png" image/png @sha256:…` for file parts.
        public var value: String

        /// `label: value`.
        public var text: String { "\(label): \(value)" }
    }

    /// `GET`, `POST`, … (uppercased).
    public var method: String
    /// The percent-encoded path, then `?` and the query items sorted by name, keys removed.
    public var path: String
    /// The media type without parameters (`application/json`, `multipart/form-data`), if any.
    public var contentType: String?
    /// The canonical body.
    public var body: Body

    /// A canonical request.
    public init(method: String, path: String, contentType: String?, body: Body) {
        self.method = method
        self.path = path
        self.contentType = contentType
        self.body = body
    }

    /// The text form, one fact per line.
    public var lines: [Line] {
        var out = [Line(label: ":method", value: method), Line(label: ":path", value: path)]
        if let contentType { out.append(Line(label: ":content-type", value: contentType)) }
        switch body {
        case .none: break
        case .raw(let text): out.append(Line(label: ":body", value: Self.literal(.string(text))))
        case .json(let value): Self.flatten(value, path: "", into: &out)
        case .form(let parts):
            for part in parts {
                let label = Self.isPlainPartName(part.name) ? part.name : Self.literal(.string(part.name))
                out.append(Line(label: label, value: Self.describe(part)))
            }
        }
        return out
    }

    /// The lines joined by newlines: what the fingerprint hashes.
    public var text: String { lines.map(\.text).joined(separator: "\n") }

    /// `POST /v1/images/generations`.
    public var summary: String { "\(method) \(path)" }

    private static func flatten(_ value: JSONValue, path: String, into lines: inout [Line]) {
        switch value {
        case .object(let object) where !object.isEmpty:
            let sorted = object.entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for entry in sorted {
                let child = isIdentifier(entry.key)
                    ? (path.isEmpty ? entry.key : path + "." + entry.key)
                    : path + "[" + literal(.string(entry.key)) + "]"
                flatten(entry.value, path: child, into: &lines)
            }
        case .array(let elements) where !elements.isEmpty:
            for (index, element) in elements.enumerated() { flatten(element, path: path + "[\(index)]", into: &lines) }
        default:
            lines.append(Line(label: path.isEmpty ? "$" : path, value: literal(value)))
        }
    }

    private static func describe(_ part: FormPart) -> String {
        if let text = part.text, part.filename == nil { return literal(.string(text)) }
        var words = ["file"]
        if let filename = part.filename { words.append(literal(.string(filename))) }
        if let type = part.contentType { words.append(type) }
        words.append(part.content ?? part.text.map { literal(.string($0)) } ?? "")
        return words.joined(separator: " ")
    }

    static func literal(_ value: JSONValue) -> String { value.jsonText }

    /// Keys written bare in paths; others are quoted (`["content-type"]`) so no path is ambiguous.
    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return key.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
    }

    /// Part names written bare (`image[]`, `prompt`); others are quoted.
    private static func isPlainPartName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: ":"), first != UInt8(ascii: "\"") else { return false }
        return name.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E || $0 == 0x5B || $0 == 0x5D
        }
    }
}
