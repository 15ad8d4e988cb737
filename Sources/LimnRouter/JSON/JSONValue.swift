import Foundation

/// A JSON value that keeps integers apart from doubles and objects in their key order.
///
/// A string is `.string`, or `.span` when the parser was asked to keep long strings as the bytes
/// of the document (`parse(_:maxDepth:spansFrom:)`): both compare equal when their text is equal,
/// and `stringValue` reads either.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    /// A long string member left in the parsed document's bytes (a response's base64, say).
    case span(JSONSpan)
    case array([JSONValue])
    case object(JSONObject)

    /// The string payload (a span is decoded), or nil for any other case.
    public var stringValue: String? {
        switch self {
        case .string(let s): s
        case .span(let s): s.string
        default: nil
        }
    }
    /// Whether this is a string (`.string` or `.span`).
    public var isString: Bool {
        switch self {
        case .string, .span: true
        default: false
        }
    }
    /// The object payload, or nil.
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    /// The array payload, or nil.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// An integer for `.int` and for integral `.double` values.
    public var intValue: Int? {
        switch self {
        case .int(let i): Int(i)
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: Int(d)
        default: nil
        }
    }
    /// A double for either numeric case.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
    /// The boolean payload, or nil.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// Member lookup on objects; nil for other cases.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
    /// Element lookup on arrays; nil for other cases and out-of-range indices.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }
    /// Whether this is `.null`.
    public var isNull: Bool { if case .null = self { true } else { false } }
}

extension JSONValue: Equatable {
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.double(let x), .double(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        // Lengths first: a decoded span's length is known without encoding it again.
        case (.span(let x), .span(let y)): x.count == y.count && x.bytes == y.bytes
        case (.span(let x), .string(let y)), (.string(let y), .span(let x)): x.count == y.utf8.count && x.bytes.elementsEqual(y.utf8)
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x == y
        default: false
        }
    }
}

/// A string member kept as a slice of the parsed document: plain ASCII without escapes, so its
/// bytes are its UTF-8 text and write back unchanged. Sharing the document's storage, a
/// multi-megabyte base64 member costs no copy until something asks for it as a `String`.
///
/// Once a response's base64 member has been decoded, the reply's raw JSON keeps the decoded
/// bytes instead (shared with the image) and encodes them again only if a script reads the
/// member: the body can then be freed as soon as the answer is normalized.
public struct JSONSpan: Sendable {
    enum Storage: Sendable {
        /// The text itself, a slice of the document.
        case text(Data)
        /// Bytes whose canonical base64 is the text.
        case base64(of: Data)
        /// `prefix` (`data:MIME;base64,`) and then the canonical base64 of `data`.
        case dataURI(prefix: Data, of: Data)
    }
    let storage: Storage

    /// A span over `bytes`, which must be ASCII with no `"`, `\` or control byte.
    init(bytes: Data) { storage = .text(bytes) }
    /// A span whose text is the canonical base64 of `decoded`.
    init(base64Of decoded: Data) { storage = .base64(of: decoded) }

    /// `data:MIME;base64,…` for `bytes`, encoded only when written: into a request body's
    /// stream as it is sent (`HTTPBody`), or once into a buffer when the text itself is read.
    init(dataURI mime: String, of bytes: Data) {
        storage = .dataURI(prefix: Data("data:\(mime);base64,".utf8), of: bytes)
    }

    /// The text as bytes before it and bytes it is the base64 of, when it is kept that way.
    var base64Parts: (prefix: Data, of: Data)? {
        switch storage {
        case .text: nil
        case .base64(let decoded): (Data(), decoded)
        case .dataURI(let prefix, let decoded): (prefix, decoded)
        }
    }

    /// Up to the first `n` bytes of the text, without encoding the rest.
    func prefix(_ n: Int) -> Data {
        switch storage {
        case .text(let text): text.prefix(n)
        case .base64(let decoded): decoded.prefix((n + 3) / 4 * 3).base64EncodedData().prefix(n)
        case .dataURI(let head, let decoded): (head + decoded.prefix((n + 3) / 4 * 3).base64EncodedData()).prefix(n)
        }
    }

    /// The string's bytes (for a decoded member, encoded again: a copy).
    public var bytes: Data {
        switch storage {
        case .text(let text): text
        case .base64(let decoded): decoded.base64EncodedData()
        case .dataURI(let prefix, let decoded): HTTPBody(pieces: [.bytes(prefix), .base64(decoded)]).data
        }
    }
    /// The text as a `String` (a copy).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
    /// The length in bytes (and characters: the text is ASCII).
    public var count: Int {
        switch storage {
        case .text(let text): text.count
        case .base64(let decoded): (decoded.count + 2) / 3 * 4
        case .dataURI(let prefix, let decoded): prefix.count + (decoded.count + 2) / 3 * 4
        }
    }
    /// Where the text's bytes are in memory, while it is a slice of its document.
    var address: Int? {
        guard case .text(let text) = storage else { return nil }
        return text.withUnsafeBytes { raw in raw.baseAddress.map { Int(bitPattern: $0) } }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// A string from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer from a literal.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A double from a literal.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A boolean from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array from a literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object from a literal, keys in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

/// A JSON object that preserves key order (requests read the way they were written).
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The members in order; keys are unique.
    public private(set) var entries: [(key: String, value: JSONValue)]

    /// An empty object.
    public init() { entries = [] }
    /// An object from ordered pairs; a later duplicate key replaces the earlier value.
    public init(_ pairs: [(String, JSONValue)]) {
        entries = []
        for (k, v) in pairs { self[k] = v }
    }
    /// An object from a literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
    /// An object from members already known to have unique keys (the parser checks them).
    init(uniqueEntries: [(key: String, value: JSONValue)]) { entries = uniqueEntries }

    /// The value for `key`; setting nil removes it.
    public subscript(key: String) -> JSONValue? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }
    /// The keys in order.
    public var keys: [String] { entries.map(\.key) }
    /// The number of members.
    public var count: Int { entries.count }
    /// Whether there are no members.
    public var isEmpty: Bool { entries.isEmpty }

    /// Merges `other` into self; its values win (used for `extra=`).
    public mutating func merge(_ other: JSONObject) {
        for (k, v) in other.entries { self[k] = v }
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
