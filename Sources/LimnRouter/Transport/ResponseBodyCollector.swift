import CFastBytes
import Foundation

/// Collects a response body chunk by chunk. For a JSON answer it decodes long base64 string
/// values while they arrive, so a `b64_json` image is held once, as bytes, instead of as 8 MB
/// of text and then 6 MB of bytes: the body keeps `""` in the value's place and `lifted` maps
/// that offset to the decoded bytes.
///
/// Only what decodes back exactly is lifted: a string value (after `:`) of canonical, padded,
/// strict base64 at least `minimum` characters long. Anything else in such a string (a line
/// break, an escape, the URL-safe alphabet, missing padding) puts the text back as it came, and
/// the string is read by the JSON parser as usual. `HTTPResponse.wireBody` rebuilds the exact
/// bytes the router sent.
public struct ResponseBodyCollector: ~Copyable {
    /// Bytes received so far (the wire count, lifted text included).
    public private(set) var count = 0
    private var body = Data()
    private var lifted: [Int: Data] = [:]
    private let lift: Bool
    private let minimum: Int
    private var state = State.outside(last: 0)
    private var decoder = LiftedString()

    private enum State {
        /// Between strings; `last` is the last byte that was not whitespace.
        case outside(last: UInt8)
        /// Inside a string that starts with the quote at `start` in `body`; `plain` while it has
        /// held only ASCII without escapes and is a value.
        case inString(start: Int, plain: Bool, escaped: Bool)
        /// Inside a string whose text so far went into `decoder`; its opening quote is at `start`.
        case lifting(start: Int)
    }

    /// A collector; `liftingFrom` (characters) turns lifting on, for a JSON body expected to be
    /// `expected` bytes long.
    public init(expected: Int?, liftingFrom minimum: Int?) {
        lift = minimum != nil
        self.minimum = max(minimum ?? 0, 64)
        body.reserveCapacity(lift ? 64 * 1024 : expected ?? 64 * 1024)
        decoder.expected = expected ?? 0
    }

    /// Adds the next bytes of the body.
    public mutating func append(_ chunk: UnsafeRawBufferPointer) {
        count += chunk.count
        guard lift, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else {
            body.append(contentsOf: chunk)
            return
        }
        var i = 0
        let n = chunk.count
        while i < n {
            switch state {
            case .outside(let last):
                guard let quote = memchr(base + i, Int32(UInt8(ascii: "\"")), n - i) else {
                    state = .outside(last: Self.lastSignificant(base, from: i, to: n) ?? last)
                    body.append(base + i, count: n - i)
                    i = n
                    continue
                }
                let q = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
                let before = Self.lastSignificant(base, from: i, to: q) ?? last
                body.append(base + i, count: q + 1 - i)
                state = .inString(start: body.count - 1, plain: before == UInt8(ascii: ":"), escaped: false)
                i = q + 1
            case .inString(let start, var plain, let escaped):
                if escaped {
                    body.append(base[i])
                    i += 1
                    state = .inString(start: start, plain: false, escaped: false)
                    continue
                }
                let end = limn_json_plain_ascii_end(base, i, n)
                body.append(base + i, count: end - i)
                i = end
                if plain, body.count - start - 1 >= minimum {
                    if startLifting(start: start) {
                        state = .lifting(start: start)
                        continue
                    }
                    plain = false  // not base64: read as a plain string from here on
                }
                guard i < n else {
                    state = .inString(start: start, plain: plain, escaped: false)
                    continue
                }
                let b = base[i]
                body.append(b)
                i += 1
                if b == UInt8(ascii: "\"") {
                    state = .outside(last: b)
                } else {
                    plain = false
                    state = .inString(start: start, plain: false, escaped: b == UInt8(ascii: "\\"))
                }
            case .lifting(let start):
                let end = limn_json_plain_ascii_end(base, i, n)
                let stop = decoder.feed(base + i, count: end - i)
                if decoder.refused {
                    // Not base64 after all: the text goes back, and the rest is read as a string.
                    putBack(start: start, rest: UnsafeRawBufferPointer(start: base + i + stop, count: end - i - stop))
                    i = end
                    continue
                }
                i = end
                guard i < n else { continue }
                if base[i] == UInt8(ascii: "\""), let decoded = decoder.finish() {
                    lifted[start] = decoded
                    body.append(UInt8(ascii: "\""))
                    state = .outside(last: UInt8(ascii: "\""))
                    i += 1
                } else {
                    // An escape, a byte outside ASCII, or base64 that is not canonical and padded.
                    putBack(start: start, rest: UnsafeRawBufferPointer(start: nil, count: 0))
                }
            }
        }
    }

    /// The body and its lifted values. A string still open at the end is put back as text (the
    /// parser then reports the body as cut off).
    public consuming func finish() -> (body: Data, lifted: [Int: Data]) {
        if case .lifting(let start) = state { putBack(start: start, rest: UnsafeRawBufferPointer(start: nil, count: 0)) }
        return (body, lifted)
    }

    /// Moves the string's text so far (after its quote at `start`) into the decoder, if it is
    /// all whole quanta of strict base64 plus a partial one.
    private mutating func startLifting(start: Int) -> Bool {
        let textStart = body.startIndex + start + 1
        let text = [UInt8](body[textStart...])  // `minimum` characters or a little more: once per string
        decoder.reset()
        let stop = text.withUnsafeBufferPointer { decoder.feed($0.baseAddress!, count: $0.count) }
        guard stop == text.count, !decoder.refused else {
            decoder.reset()
            return false
        }
        body.removeSubrange(textStart...)
        return true
    }

    /// Writes the lifted string's text back into the body, then `rest`, and reads on as a string.
    private mutating func putBack(start: Int, rest: UnsafeRawBufferPointer) {
        decoder.writeText(into: &body)
        body.append(contentsOf: rest)
        decoder.reset()
        state = .inString(start: start, plain: false, escaped: false)
    }

    /// The last byte of `base[from..<to]` that is not JSON whitespace.
    private static func lastSignificant(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> UInt8? {
        var j = to
        while j > from {
            j -= 1
            switch base[j] {
            case 0x20, 0x0A, 0x0D, 0x09: continue
            default: return base[j]
            }
        }
        return nil
    }
}

/// The decoding side of a lifted string: whole quanta decoded into one growing buffer, at most
/// one partial quantum pending, and a padded final quantum held until the closing quote.
private struct LiftedString: ~Copyable {
    var expected = 0
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var capacity = 0
    private var produced = 0
    private var pending: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private var pendingCount = 0
    private var final: (UInt8, UInt8, UInt8, UInt8)?

    deinit { free(buffer) }

    /// Whether the last `feed` stopped at text that is not strict base64.
    private(set) var refused = false

    mutating func reset() {
        refused = false
        produced = 0
        pendingCount = 0
        final = nil
    }

    /// Decodes `count` characters; returns how many it took. Fewer when a quantum is not strict
    /// base64 or text follows the padding: that quantum stays pending (so `writeText` gives it
    /// back) and the input from the returned index is the caller's to put back.
    mutating func feed(_ input: UnsafePointer<UInt8>, count: Int) -> Int {
        var j = 0
        while j < count {
            if pendingCount > 0 || count - j < 4 {
                guard final == nil else { return refuse(j) }
                withUnsafeMutableBytes(of: &pending) { $0[pendingCount] = input[j] }
                pendingCount += 1
                j += 1
                if pendingCount == 4 {
                    guard takePending() else { return refuse(j) }
                }
                continue
            }
            guard final == nil else { return refuse(j) }
            let whole = (count - j) / 4 * 4
            reserve(whole / 4 * 3 + 32)
            var made = 0
            let consumed = limn_base64_decode_quanta(input + j, whole, buffer! + produced, &made)
            produced += made
            j += consumed
            if consumed < whole {
                // The quantum at j holds something else: padding if it is the last one.
                for k in 0..<4 { withUnsafeMutableBytes(of: &pending) { $0[k] = input[j + k] } }
                pendingCount = 4
                j += 4
                guard takePending() else { return refuse(j) }
            }
        }
        return count
    }

    private mutating func refuse(_ j: Int) -> Int {
        refused = true
        return j
    }

    /// Decodes the four pending characters, or keeps them as the final quantum when padded.
    private mutating func takePending() -> Bool {
        let q = pending
        if q.3 == UInt8(ascii: "=") {
            guard Self.isSextet(q.0), Self.isSextet(q.1), q.2 == UInt8(ascii: "=") || Self.isSextet(q.2) else { return false }
            final = q
            pendingCount = 0
            return true
        }
        reserve(8)
        var made = 0
        let ok = withUnsafeBytes(of: q) { raw in
            limn_base64_decode_quanta(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), 4, buffer! + produced, &made) == 4
        }
        guard ok else { return false }
        produced += made
        pendingCount = 0
        return true
    }

    /// The decoded bytes once the closing quote came: nil unless the text was whole quanta
    /// ending in a canonical padded quantum or none.
    mutating func finish() -> Data? {
        guard pendingCount == 0, produced > 0 || final != nil else { return nil }
        if let q = final {
            var tail = [UInt8](repeating: 0, count: 4)
            let n = withUnsafeBytes(of: q) { raw in
                tail.withUnsafeMutableBufferPointer { out in
                    limn_base64_decode(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), 4, out.baseAddress!)
                }
            }
            guard n > 0 else { return nil }
            let bytes = Data(tail.prefix(n))
            guard withUnsafeBytes(of: q, { Data($0) }) == bytes.base64EncodedData() else { return nil }
            reserve(8)
            for (k, b) in bytes.enumerated() { buffer![produced + k] = b }
            produced += n
        }
        // The buffer, cut to size (it was reserved for the whole body), becomes the Data's
        // storage; the decoder starts empty again.
        if capacity > produced + 4096, let fitted = realloc(buffer, produced) {
            buffer = fitted.assumingMemoryBound(to: UInt8.self)
        }
        let data = Data(bytesNoCopy: buffer!, count: produced, deallocator: .free)
        buffer = nil
        capacity = 0
        reset()
        return data
    }

    /// Appends the text taken so far (whole quanta, the final quantum, the pending characters).
    func writeText(into body: inout Data) {
        if produced > 0 { body.append(Data(bytesNoCopy: buffer!, count: produced, deallocator: .none).base64EncodedData()) }
        if let q = final { withUnsafeBytes(of: q) { body.append(contentsOf: $0) } }
        if pendingCount > 0 { withUnsafeBytes(of: pending) { body.append(contentsOf: $0.prefix(pendingCount)) } }
    }

    private mutating func reserve(_ more: Int) {
        guard produced + more > capacity else { return }
        var next = max(capacity * 2, produced + more, expected / 4 * 3 + 64)
        next = max(next, 64 * 1024)
        guard let grown = realloc(buffer, next) else { fatalError("out of memory decoding a response's base64") }
        buffer = grown.assumingMemoryBound(to: UInt8.self)
        capacity = next
        if next >= Self.hugePageMinimum { limn_advise_huge_pages(grown, next) }
    }

    /// Buffers from this size up have a mapping of their own (ProcessTuning's mmap threshold)
    /// and hold at least one whole huge page.
    private static let hugePageMinimum = 4 << 20

    private static func isSextet(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2F
    }
}
