import Foundation

/// A `multipart/form-data` body (RFC 7578) as a list of parts, in order.
public struct MultipartForm: Sendable, Equatable {
    /// One form field or file.
    public struct Part: Sendable, Equatable {
        /// The field name (`image`, `image[]`, `mask`, `prompt`, …).
        public var name: String
        /// The file name, for file parts.
        public var filename: String?
        /// The part's `Content-Type`, for file parts.
        public var contentType: String?
        /// The part's bytes.
        public var body: Data

        /// A part.
        public init(name: String, filename: String? = nil, contentType: String? = nil, body: Data) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.body = body
        }

        /// The body read as UTF-8 text (for plain fields).
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// The parts in order.
    public var parts: [Part]

    /// A form.
    public init(parts: [Part] = []) { self.parts = parts }

    /// Appends a plain text field.
    public mutating func append(_ name: String, _ value: String) {
        parts.append(Part(name: name, body: Data(value.utf8)))
    }

    /// Appends a file part.
    public mutating func append(_ name: String, filename: String, contentType: String, body: Data) {
        parts.append(Part(name: name, filename: filename, contentType: contentType, body: body))
    }

    /// Every part with this name, in order.
    public func parts(named name: String) -> [Part] { parts.filter { $0.name == name } }

    /// The text of the first part with this name.
    public func value(_ name: String) -> String? { parts.first { $0.name == name }?.text }

    /// The `Content-Type` header value for a body encoded with `boundary`.
    public static func contentType(boundary: String) -> String { "multipart/form-data; boundary=\(boundary)" }

    /// The body bytes, each part delimited by `--boundary` and the whole closed by `--boundary--`.
    /// Quotes and line breaks in names and file names are percent-encoded (as browsers do).
    public func encoded(boundary: String) -> Data { encodedBody(boundary: boundary).data }

    /// The same bytes as a request body in which a large part (an image) is a piece sharing the
    /// part's own storage, not copied into the body.
    public func encodedBody(boundary: String) -> HTTPBody {
        var pieces: [HTTPBody.Piece] = []
        var out = Data()
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let filename = part.filename { head += "; filename=\"\(Self.quoted(filename))\"" }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
            head += "\r\n"
            out.append(contentsOf: head.utf8)
            if part.body.count > Self.sharedPartSize {
                pieces.append(.bytes(out))
                pieces.append(.bytes(part.body))
                out = Data()
            } else {
                out.append(part.body)
            }
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "--\(boundary)--\r\n".utf8)
        pieces.append(.bytes(out))
        return HTTPBody(pieces: pieces)
    }

    /// Parts larger than this are shared by `encodedBody`, smaller ones copied.
    static let sharedPartSize = 64 << 10

    /// A random boundary: `limn-` and 24 letters and digits.
    public static func randomBoundary() -> String {
        var rng = SystemRandomNumberGenerator()
        return randomBoundary(using: &rng)
    }

    /// A boundary drawn from `generator` (tests pass a seeded one).
    public static func randomBoundary(using generator: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "limn-" + String((0..<24).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// A boundary derived from the parts themselves, so the same form always encodes to the same
    /// bytes (recorded requests replay byte for byte), and checked to occur in no part.
    public func stableBoundary() -> String {
        let digest = boundaryDigest()
        var salt = 0
        while true {
            let boundary = Self.boundaryCandidate(digest, salt: salt)
            let delimiter = Array("--\(boundary)".utf8)
            if !parts.contains(where: { ByteSearch.contains($0.body, delimiter) }) { return boundary }
            salt += 1
        }
    }

    /// The boundary `stableBoundary()` tries first, before checking the bodies.
    func firstStableBoundary() -> String { Self.boundaryCandidate(boundaryDigest(), salt: 0) }

    private func boundaryDigest() -> FNV1a {
        var hash = FNV1a()
        for part in parts {
            hash.add(part.name)
            hash.add(part.filename ?? "")
            hash.add(part.contentType ?? "")
            hash.add(part.body.count)
            // Sample the ends rather than hashing megabytes: names, sizes and ends already separate forms.
            hash.add(part.body.prefix(256))
            hash.add(part.body.suffix(256))
        }
        return hash
    }

    private static func boundaryCandidate(_ digest: FNV1a, salt: Int) -> String {
        var h = digest
        h.add(salt)
        return "limn-" + h.hex
    }

    /// `"`, CR and LF as `%22`, `%0D`, `%0A`, byte by byte: Foundation's `replacingOccurrences`
    /// compares grapheme clusters, so a quote followed by a combining mark stayed raw and ended
    /// the quoted name early (found by FuzzMultipart).
    private static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "%22".utf8)
            case 0x0D: out.append(contentsOf: "%0D".utf8)
            case 0x0A: out.append(contentsOf: "%0A".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Two 64-bit FNV-1a lanes: a cheap, stable (not cryptographic) digest for boundaries.
struct FNV1a {
    private var a: UInt64 = 0xCBF2_9CE4_8422_2325
    private var b: UInt64 = 0x8422_2325_CBF2_9CE4

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 0x9E37
        }
        a = (a ^ 0xFF) &* 0x0000_0100_0000_01B3  // a separator, so "ab"+"c" differs from "a"+"bc"
    }

    mutating func add(_ text: String) { add(text.utf8) }
    mutating func add(_ number: Int) { add(String(number)) }

    var hex: String {
        String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
