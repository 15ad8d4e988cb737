import Foundation

/// A body that is not well-formed `multipart/form-data`.
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, and at which byte when that helps.
    public var message: String
    /// An error.
    public init(_ message: String) { self.message = message }
    public var description: String { "malformed multipart body: \(message)" }
}

extension MultipartForm {
    /// Parses a `multipart/form-data` body strictly: the body must start with the first delimiter,
    /// every part needs `Content-Disposition: form-data; name="…"`, header lines end in CRLF, and
    /// the closing delimiter must be present (only a CRLF may follow it).
    public static func parse(_ body: Data, contentType: String) throws(MultipartError) -> MultipartForm {
        let boundary = try boundary(from: contentType)
        let result: Result<MultipartForm, MultipartError> = body.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress, raw.count > 0 else {
                return .failure(MultipartError("the body is empty"))
            }
            do throws(MultipartError) {
                return .success(try parseParts(body, base: base, count: raw.count, boundary: boundary))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The `boundary` parameter of a multipart content type.
    static func boundary(from contentType: String) throws(MultipartError) -> String {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else {
            throw MultipartError("content type is '\(contentType)', not multipart/form-data")
        }
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "="), piece[..<eq].lowercased() == "boundary" else { continue }
            var value = String(piece[piece.index(after: eq)...])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard (1...70).contains(value.utf8.count) else { throw MultipartError("boundary must be 1–70 characters") }
            return value
        }
        throw MultipartError("content type has no boundary parameter")
    }

    private static func parseParts(_ body: Data, base: UnsafePointer<UInt8>, count: Int,
                                   boundary: String) throws(MultipartError) -> MultipartForm {
        let opening = Array("--\(boundary)".utf8)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        guard count >= opening.count, memcmp(base, opening, opening.count) == 0 else {
            throw MultipartError("the body does not start with the delimiter --\(boundary)")
        }
        var pos = opening.count
        var form = MultipartForm()
        while true {
            // After a delimiter: "--" closes the body, CRLF starts a part.
            if pos + 2 <= count, base[pos] == UInt8(ascii: "-"), base[pos + 1] == UInt8(ascii: "-") {
                pos += 2
                let rest = count - pos
                guard rest == 0 || (rest == 2 && base[pos] == 0x0D && base[pos + 1] == 0x0A) else {
                    throw MultipartError("unexpected bytes after the closing delimiter at byte \(pos)")
                }
                return form
            }
            guard pos + 2 <= count, base[pos] == 0x0D, base[pos + 1] == 0x0A else {
                throw MultipartError(pos >= count ? "the body ends without the closing delimiter --\(boundary)--"
                                                  : "expected CRLF after the delimiter at byte \(pos)")
            }
            pos += 2
            var part = try parseHeaders(base: base, count: count, pos: &pos)
            guard let end = ByteSearch.find(delimiter, in: base, from: pos, end: count) else {
                throw MultipartError("part '\(part.name)' is not closed by a delimiter (the body is truncated)")
            }
            part.body = body.subdata(in: body.startIndex + pos ..< body.startIndex + end)
            form.parts.append(part)
            pos = end + delimiter.count
        }
    }

    private static func parseHeaders(base: UnsafePointer<UInt8>, count: Int, pos: inout Int) throws(MultipartError) -> Part {
        var disposition: String?
        var type: String?
        while true {
            let lineStart = pos
            guard let lineEnd = ByteSearch.find([0x0D, 0x0A], in: base, from: pos, end: count) else {
                throw MultipartError("part headers starting at byte \(lineStart) never end")
            }
            pos = lineEnd + 2
            if lineEnd == lineStart { break }
            let line = String(decoding: UnsafeBufferPointer(start: base + lineStart, count: lineEnd - lineStart), as: UTF8.self)
            guard let colon = line.firstIndex(of: ":") else {
                throw MultipartError("header line without ':' at byte \(lineStart): \(line.prefix(60))")
            }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition": disposition = value
            case "content-type": type = value
            default: continue
            }
        }
        guard let disposition else { throw MultipartError("a part has no Content-Disposition header") }
        let params = dispositionParameters(disposition)
        guard params.kind == "form-data" else { throw MultipartError("Content-Disposition is '\(params.kind)', not form-data") }
        guard let name = params.values["name"] else { throw MultipartError("a part's Content-Disposition has no name") }
        return Part(name: name, filename: params.values["filename"], contentType: type, body: Data())
    }

    /// `form-data; name="a"; filename="b.png"` → ("form-data", [name: a, filename: b.png]); quoted
    /// values may contain `;`, and `%22`/`%0D`/`%0A` are decoded back. A backslash is an ordinary
    /// character, as in the HTML standard's form encoding that browsers and Limn write (reading it
    /// as an escape turned the file name `a\b` into `ab`, and `a\` ran past its closing quote).
    static func dispositionParameters(_ value: String) -> (kind: String, values: [String: String]) {
        var values: [String: String] = [:]
        let scalars = Array(value.unicodeScalars)
        var i = 0
        func skipSpaces() { while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 } }
        func token(until stops: Set<Unicode.Scalar>) -> String {
            var s = String.UnicodeScalarView()
            while i < scalars.count, !stops.contains(scalars[i]) { s.append(scalars[i]); i += 1 }
            return String(s).trimmingCharacters(in: .whitespaces)
        }
        let kind = token(until: [";"]).lowercased()
        while i < scalars.count {
            i += 1  // the ';'
            skipSpaces()
            let key = token(until: ["=", ";"]).lowercased()
            guard i < scalars.count, scalars[i] == "=" else { continue }
            i += 1
            skipSpaces()
            var val: String
            if i < scalars.count, scalars[i] == "\"" {
                i += 1
                var s = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != "\"" {
                    s.append(scalars[i])
                    i += 1
                }
                i += 1
                val = String(s)
                skipSpaces()
            } else {
                val = token(until: [";"])
            }
            val = percentDecodedQuotesAndBreaks(val)
            if !key.isEmpty { values[key] = val }
        }
        return (kind, values)
    }

    /// `%22`, `%0D` and `%0A` back to `"`, CR and LF, over bytes (see `MultipartForm.quoted`).
    private static func percentDecodedQuotesAndBreaks(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count {
                let code = (bytes[i + 1], bytes[i + 2] | 0x20)   // the hex letter in either case
                let decoded: UInt8? = switch code {
                case (UInt8(ascii: "2"), UInt8(ascii: "2")): UInt8(ascii: "\"")
                case (UInt8(ascii: "0"), UInt8(ascii: "d")): 0x0D
                case (UInt8(ascii: "0"), UInt8(ascii: "a")): 0x0A
                default: nil
                }
                if let decoded {
                    out.append(decoded)
                    i += 3
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
