import CFastBytes
import Foundation

/// A request body as a list of pieces: bytes as they are, and bytes sent as their base64.
///
/// An input image goes into a request as a piece that shares the image's storage: a multipart
/// edit's file part, a chat's data URI, a Gemini `inlineData`. The live transport reads the body
/// out a chunk at a time (`Reader`), encoding base64 as it goes, so a request in flight does not
/// hold its own megabytes of copy; `data` joins the pieces for the transports that want the
/// whole body (offline, record and replay).
public struct HTTPBody: Sendable, Equatable {
    /// One run of the body.
    public enum Piece: Sendable {
        /// These bytes.
        case bytes(Data)
        /// The canonical base64 (padded, no line breaks) of these bytes.
        case base64(Data)

        /// The length on the wire.
        public var count: Int {
            switch self {
            case .bytes(let data): data.count
            case .base64(let data): (data.count + 2) / 3 * 4
            }
        }
    }

    /// The pieces in order; none is empty.
    public private(set) var pieces: [Piece]

    /// An empty body.
    public init() { pieces = [] }
    /// The body `data`.
    public init(_ data: Data) { pieces = data.isEmpty ? [] : [.bytes(data)] }
    /// A body of `pieces` (empty ones are dropped).
    public init(pieces: [Piece]) { self.pieces = pieces.filter { $0.count > 0 } }

    /// The length in bytes.
    public var count: Int { pieces.reduce(0) { $0 + $1.count } }
    /// Whether the body has no bytes.
    public var isEmpty: Bool { pieces.isEmpty }

    /// The whole body. No copy when it is one run of bytes; otherwise the pieces joined.
    public var data: Data {
        if pieces.count == 1, case .bytes(let data) = pieces[0] { return data }
        var out = Data(count: count)
        var reader = Reader(self)
        out.withUnsafeMutableBytes { _ = reader.read(into: $0) }
        return out
    }

    public static func == (a: HTTPBody, b: HTTPBody) -> Bool { a.count == b.count && a.data == b.data }

    /// Reads a body from the start, as many bytes at a time as the caller's buffer holds.
    public struct Reader: Sendable {
        private let pieces: [Piece]
        private var index = 0
        /// How far into the current piece's data (for base64, into the bytes being encoded).
        private var offset = 0

        /// A reader at the start of `body`.
        public init(_ body: HTTPBody) { pieces = body.pieces }

        /// Whether every byte has been read.
        public var isAtEnd: Bool { index == pieces.count }

        /// Writes the next bytes into `buffer` and returns how many: 0 only at the end, and short of
        /// `buffer.count` before the end by at most 3 bytes (a base64 group is written whole).
        /// `buffer` must hold at least 4 bytes when the next piece is base64.
        public mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
            guard let out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
            var written = 0
            while index < pieces.count, written < buffer.count {
                let space = buffer.count - written
                switch pieces[index] {
                case .bytes(let data):
                    let n = Swift.min(space, data.count - offset)
                    data.withUnsafeBytes { raw in
                        (out + written).update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, count: n)
                    }
                    written += n
                    offset += n
                    if offset == data.count { next() }
                case .base64(let data):
                    let rest = data.count - offset
                    let finishes = (rest + 2) / 3 * 4 <= space
                    let input = finishes ? rest : space / 4 * 3
                    guard input > 0 else {  // less than one group of room left
                        precondition(written > 0, "HTTPBody.Reader needs room for one base64 group")
                        return written
                    }
                    data.withUnsafeBytes { raw in
                        limn_base64_encode(raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, input, out + written)
                    }
                    written += (input + 2) / 3 * 4
                    offset += input
                    if finishes { next() }
                }
            }
            return written
        }

        private mutating func next() {
            index += 1
            offset = 0
        }
    }
}
