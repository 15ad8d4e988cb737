import Foundation
import LimnRouter
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client connection to the fake router: reads requests, records them, and delivers each
/// answer (or fault) in order, with keep-alive.
enum FakeConnection {
    typealias Channel = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    static func serve(_ connection: Channel, state: FakeRouterState) async {
        let underlying = connection.channel
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            var parts = inbound.makeAsyncIterator()
            while let part = try await parts.next() {
                switch part {
                case .head(let received):
                    head = received
                    body.clear()
                case .body(var chunk):
                    body.writeBuffer(&chunk)
                case .end:
                    guard let received = head else { continue }
                    head = nil
                    let request = record(received, body: body, state: state)
                    let endpoint = FakeEndpoint(method: request.method, path: request.path)
                    let delivery = await FakeResponder(state: state).respond(to: request, endpoint: endpoint)
                    let keepAlive = received.isKeepAlive
                    switch delivery {
                    case .response(let reply):
                        try await write(reply, version: received.version, keepAlive: keepAlive, chunked: state.configuration.chunked,
                                        to: outbound)
                        if !keepAlive {
                            // Let every queued byte reach the client before the channel closes:
                            // returning at once cut long bodies short for Connection: close clients.
                            outbound.finish()
                            while try await parts.next() != nil {}  // until the client, having read it all, closes
                            return
                        }
                    case .truncated(let reply):
                        try await outbound.write(.head(responseHead(reply, version: received.version, keepAlive: false, chunked: false)))
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body.prefix(reply.body.count / 2)))))
                        return  // closing now leaves the body short of its Content-Length
                    case .hang:
                        while try await parts.next() != nil {}  // until the client gives up or the router stops
                        return
                    case .hangAfterHead(let reply):
                        try await outbound.write(.head(responseHead(reply, version: received.version, keepAlive: true, chunked: false)))
                        while try await parts.next() != nil {}
                        return
                    case .reset:
                        if let provider = underlying as? SocketOptionProvider {
                            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                        }
                        try? await underlying.close()
                        return
                    }
                }
            }
        }
    }

    private static func record(_ head: HTTPRequestHead, body: ByteBuffer, state: FakeRouterState) -> RecordedRequest {
        var headers = LimnRouter.HTTPHeaders()
        headers.fields = head.headers.map { (name: $0.name, value: $0.value) }
        let bytes = body.withUnsafeReadableBytes { Data($0) }
        let endpoint = FakeEndpoint(method: head.method.rawValue, path: head.uri)
        var request = RecordedRequest(method: head.method.rawValue, path: head.uri, headers: headers, body: bytes,
                                      route: endpoint.route)
        request.model = FakeCall(endpoint: endpoint, request: request)?.model
        state.record(request)
        return request
    }

    private static func responseHead(_ reply: FakeReply, version: HTTPVersion, keepAlive: Bool, chunked: Bool) -> HTTPResponseHead {
        var headers = NIOHTTP1.HTTPHeaders(reply.headers)
        if chunked {
            headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
        } else {
            headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
        }
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        return HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
    }

    private static func write(_ reply: FakeReply, version: HTTPVersion, keepAlive: Bool, chunked: Bool,
                              to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        try await outbound.write(.head(responseHead(reply, version: version, keepAlive: keepAlive, chunked: chunked)))
        if chunked {
            var offset = reply.body.startIndex
            while offset < reply.body.endIndex {
                let end = min(offset + 64 * 1024, reply.body.endIndex)
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body[offset..<end]))))
                offset = end
            }
        } else if !reply.body.isEmpty {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body))))
        }
        try await outbound.write(.end(nil))
    }
}
