import Foundation

extension JSONValue {
    /// Compact JSON bytes: keys in stored order, `/` not escaped, integers as integers, doubles in
    /// their shortest round-tripping form (non-finite doubles become `null`).
    public func serialized() -> Data {
        var writer = JSONWriter(sortKeys: false, capacity: JSONWriter.estimatedSize(self))
        writer.write(self)
        return writer.bytes
    }

    /// `serialized()` as a request body: a string kept as the base64 of some bytes (an image's
    /// data URI or Gemini `inlineData`) stays a piece that shares those bytes, encoded only as
    /// the body is sent. `serializedBody().data == serialized()`.
    public func serializedBody() -> HTTPBody {
        var writer = JSONWriter(sortKeys: false, splittingSpans: true, capacity: JSONWriter.estimatedSize(self, splittingSpans: true))
        writer.write(self)
        return writer.body()
    }

    /// Like `serialized()` with object keys sorted by their UTF-8 bytes at every level, so equal
    /// values always give equal bytes (record/replay matching).
    public func serializedCanonical() -> Data {
        var writer = JSONWriter(sortKeys: true, capacity: JSONWriter.estimatedSize(self))
        writer.write(self)
        return writer.bytes
    }

    /// The compact serialization as a string (for messages and tests).
    public var jsonText: String { String(decoding: serialized(), as: UTF8.self) }
}

extension JSONObject {
    /// Compact JSON bytes of this object, keys in stored order.
    public func serialized() -> Data { JSONValue.object(self).serialized() }
    /// Compact JSON bytes of this object, keys sorted recursively.
    public func serializedCanonical() -> Data { JSONValue.object(self).serializedCanonical() }
}

/// A byte writer for JSON. Strings are copied in runs between the bytes that need escaping.
/// It writes into the `Data` it returns, so a document carrying megabytes of base64 is built
/// once, not built and then copied; splitting spans, it gives a body whose base64 is never
/// built at all (`serializedBody()`).
struct JSONWriter {
    private(set) var bytes = Data()
    let sortKeys: Bool
    /// Whether spans kept as base64 of bytes become `HTTPBody` pieces instead of being encoded.
    let splittingSpans: Bool
    private var pieces: [HTTPBody.Piece] = []

    init(sortKeys: Bool, splittingSpans: Bool = false, capacity: Int = 256) {
        self.sortKeys = sortKeys
        self.splittingSpans = splittingSpans
        bytes.reserveCapacity(capacity)
    }

    /// About the serialized size (exact for plain strings, generous for numbers), so the buffer
    /// is allocated once instead of regrown through megabytes of base64. Splitting, a span kept
    /// as base64 is not written into the buffer and counts only its prefix.
    static func estimatedSize(_ value: JSONValue, splittingSpans: Bool = false) -> Int {
        switch value {
        case .null, .bool: 5
        case .int, .double: 24
        case .string(let s): s.utf8.count + 2
        case .span(let s): ((splittingSpans ? s.base64Parts?.prefix.count : nil) ?? s.count) + 2
        case .array(let a): a.reduce(2) { $0 + estimatedSize($1, splittingSpans: splittingSpans) + 1 }
        case .object(let o): o.entries.reduce(2) { $0 + $1.key.utf8.count + 4 + estimatedSize($1.value, splittingSpans: splittingSpans) }
        }
    }

    /// What was written, as a body: the pieces split off and the bytes after them.
    consuming func body() -> HTTPBody {
        pieces.append(.bytes(bytes))
        return HTTPBody(pieces: pieces)
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: appendASCII("null")
        case .bool(let b): appendASCII(b ? "true" : "false")
        case .int(let i): writeInteger(i)
        case .double(let d): writeDouble(d)
        case .string(let s): writeString(s)
        case .span(let s):
            // Plain ASCII without escapes by construction: copied as it is.
            bytes.append(UInt8(ascii: "\""))
            if splittingSpans, let (prefix, decoded) = s.base64Parts {
                bytes.append(prefix)
                pieces.append(.bytes(bytes))
                pieces.append(.base64(decoded))
                bytes = Data()
            } else {
                bytes.append(s.bytes)
            }
            bytes.append(UInt8(ascii: "\""))
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            let entries = sortKeys ? object.entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : object.entries
            for entry in entries {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                writeString(entry.key)
                bytes.append(UInt8(ascii: ":"))
                write(entry.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    mutating func writeInteger(_ value: Int64) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, enough for 20 digits
        withUnsafeMutableBytes(of: &scratch) { digits in
            var n = 0
            while magnitude > 0 {
                digits[23 - n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            }
            bytes.append(contentsOf: digits[(24 - n)...])
        }
    }

    mutating func writeDouble(_ value: Double) {
        guard value.isFinite else {
            appendASCII("null")
            return
        }
        // Swift's description is the shortest string that reads back as the same double, and its
        // forms ("1.5", "1e-07", "5e+20", "-0.0") are all valid JSON numbers.
        appendASCII(value.description)
    }

    mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = string
        s.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            var pos = 0
            while pos < utf8.count {
                let next = ByteScan.firstSpecial(base, from: pos, end: utf8.count)
                bytes.append(UnsafeBufferPointer(start: base + pos, count: next - pos))
                guard next < utf8.count else { break }
                writeEscape(base[next])
                pos = next + 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: bytes.append(0x22)
        case 0x5C: bytes.append(0x5C)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
    }

    private mutating func appendASCII(_ text: String) { bytes.append(contentsOf: text.utf8) }
}
