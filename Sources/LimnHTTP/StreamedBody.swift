import AsyncHTTPClient
import Foundation
import LimnRouter
import NIOCore

extension LiveTransport {
    /// Bodies above this size go out as a stream of `StreamedBody.chunkSize` buffers.
    static let streamingThreshold = 256 << 10

    /// The request body for AsyncHTTPClient. Handed `Data`, it would copy the whole body into one
    /// `ByteBuffer` that lives as long as the call. A large body is instead read out of its
    /// pieces a chunk at a time as the connection takes it, the base64 of an input image encoded
    /// on the way: a request in flight holds a chunk or two, not a copy of its image. Each
    /// exchange (a retry, a redirect) streams afresh from the start.
    static func body(_ content: HTTPBody) -> HTTPClientRequest.Body {
        let count = content.count
        guard count > streamingThreshold else { return .bytes(content.data) }
        return .stream(StreamedBody(content: content), length: .known(Int64(count)))
    }
}

/// An `HTTPBody` as consecutive `ByteBuffer`s of at most `chunkSize` bytes.
struct StreamedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    static let chunkSize = 256 << 10

    let content: HTTPBody

    struct AsyncIterator: AsyncIteratorProtocol {
        var reader: HTTPBody.Reader
        let allocator = ByteBufferAllocator()

        mutating func next() async -> ByteBuffer? {
            guard !reader.isAtEnd else { return nil }
            var buffer = allocator.buffer(capacity: StreamedBody.chunkSize)
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: StreamedBody.chunkSize) { out in
                reader.read(into: UnsafeMutableRawBufferPointer(rebasing: out[..<StreamedBody.chunkSize]))
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: HTTPBody.Reader(content)) }
}
