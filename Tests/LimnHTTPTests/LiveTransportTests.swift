import Foundation
import LimnHTTP
import LimnImage
import LimnRouter
import LimnTesting
import Testing

/// LiveTransport against the fake router over real loopback HTTP.
@Suite("LiveTransport")
struct LiveTransportTests {
    @Test("a POST arrives whole and its answer comes back whole")
    func basicExchange() async throws {
        try await withFakeRouter { router, base in
            try await withTransport { transport in
                let request = jsonRequest(base, "images/generations", ["model": "gpt-image-1", "prompt": "a red square", "n": 2],
                                          headers: ["Authorization": "Bearer \(testKey)"])
                let response = try await transport.send(request)
                #expect(response.status == 200)
                #expect(response.headers["Content-Type"] == "application/json")
                #expect(response.headers["Content-Length"] == String(response.body.count))
                let json = try JSONValue.parse(response.body)
                #expect(json["data"]?.arrayValue?.count == 2)
                let received = try #require(router.requests.last)
                #expect(received.method == "POST")
                #expect(received.path == "/v1/images/generations")
                #expect(received.body == request.body)
                #expect(received.headers["Authorization"] == "Bearer \(testKey)")
                #expect(received.model == "gpt-image-1")
            }
        }
    }

    @Test("a body over a megabyte is streamed and arrives byte for byte, again when a 307 sends it on")
    func streamedBody() async throws {
        try await withFakeRouter { router, base in
            let target = base.deletingLastPathComponent().appendingPathComponent("files/img-32x32-s0.png")
            router.answer(model: "big", with: .redirect(status: 307, location: target.absoluteString))
            // 3 MB + 12,345 bytes of JSON (not a whole number of chunks), handed over as a slice
            // whose indices do not start at 0.
            let length = (3 << 20) + 12_345
            let letters: [UInt8] = (0..<length).map { (i: Int) -> UInt8 in UInt8(97 + (i &* 7919) % 26) }
            let prompt = String(decoding: letters, as: UTF8.self)
            let json = JSONValue.object(["model": "big", "prompt": .string(prompt)]).serialized()
            let padded = Data("xxxxx".utf8) + json
            try await withTransport { transport in
                var request = jsonRequest(base, "images/generations", [:])
                request.body = padded[5...]
                #expect(request.body.startIndex == 5)
                let response = try await transport.send(request)
                #expect(response.status == 200)
                #expect(ImageFormat.sniff(response.body) == .png)
            }
            let received = router.requests
            #expect(received.count == 2)
            #expect(received.map(\.method) == ["POST", "POST"])
            for r in received {
                #expect(r.body.count == json.count)
                #expect(r.body == json)
            }
        }
    }

    @Test("a body whose image is a base64 piece arrives encoded, as the joined body would be")
    func streamedBase64Piece() async throws {
        try await withFakeRouter { router, base in
            let image = Data((0..<(2 << 20) + 7).map { UInt8(truncatingIfNeeded: $0 &* 131) })
            let head = Data(#"{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,"#.utf8)
            let tail = Data(#""}}]}]}"#.utf8)
            var request = jsonRequest(base, "chat/completions", [:])
            request.content = HTTPBody(pieces: [.bytes(head), .base64(image), .bytes(tail)])
            try await withTransport { transport in
                let response = try await transport.send(request)
                #expect(response.status == 200)
            }
            #expect(router.requests.last?.body == head + image.base64EncodedData() + tail)
        }
    }

    @Test("connections are reused and eight requests run at once")
    func concurrentRequests() async throws {
        try await withFakeRouter(FakeRouterConfiguration(latency: .seconds(1))) { _, base in
            try await withTransport(.forConcurrency(8)) { transport in
                let clock = ContinuousClock()
                let started = clock.now
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for i in 0..<8 {
                        group.addTask {
                            try await transport.send(jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": [["role": "user", "content": .string("hi \(i)")]]])).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses == Array(repeating: 200, count: 8))
                // One after another would take 8 s; overlapped it is about 1 s (the bound is generous
                // for a busy machine: it only has to tell overlap from sequence).
                #expect(clock.now - started < .seconds(6))
                #expect(clock.now - started >= .seconds(1))
            }
        }
    }

    @Test("a hung request fails with timeout at its deadline, not later")
    func deadline() async throws {
        try await withFakeRouter { router, base in
            router.fail(.hang)
            try await withTransport { transport in
                let request = jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": []], timeout: .milliseconds(500))
                let (error, elapsed) = await transportFailure { try await transport.send(request) }
                #expect(error?.kind == .timeout)
                #expect(elapsed >= .milliseconds(450))
                #expect(elapsed < .seconds(30))  // generous for busy machines; without the deadline the hang never ends
            }
        }
    }

    @Test("a body that never comes fails with timeout too (the deadline covers the body)")
    func deadlineCoversBody() async throws {
        try await withFakeRouter { router, base in
            router.fail(.hangAfterHead)
            try await withTransport { transport in
                let request = jsonRequest(base, "images/generations", ["model": "gpt-image-1", "prompt": "x"], timeout: .milliseconds(500))
                let (error, elapsed) = await transportFailure { try await transport.send(request) }
                #expect(error?.kind == .timeout)
                #expect(elapsed < .seconds(30))  // generous for busy machines; without the deadline the hang never ends
            }
        }
    }

    @Test("a refused connection fails with connect at once, even with a long connect timeout")
    func refused() async throws {
        try await withRefusingPort { port in
            try await withTransport(LiveTransportConfiguration(connectTimeout: .seconds(120))) { transport in
                let url = try #require(URL(string: "http://127.0.0.1:\(port)/v1/chat/completions?key=\(testKey)"))
                let request = HTTPRequest(method: "POST", url: url, headers: ["Authorization": "Bearer \(testKey)"], timeout: .seconds(60))
                let (error, elapsed) = await transportFailure { try await transport.send(request) }
                #expect(error?.kind == .connect, "\(error?.message ?? "no error")")
                #expect(elapsed < .seconds(60), "a refused connect must not wait for the 120 s connect timeout")
                #expect(error?.message.contains(testKey) == false)
                #expect(error?.message.contains("127.0.0.1:\(port)") == true)
            }
        }
    }

    @Test("a body over the limit fails with tooLarge", arguments: [false, true])
    func bodyLimit(chunked: Bool) async throws {
        try await withFakeRouter(FakeRouterConfiguration(noise: true, chunked: chunked)) { _, base in
            var config = LiveTransportConfiguration()
            config.maxResponseBytes = 4096
            try await withTransport(config) { transport in
                let request = jsonRequest(base, "images/generations", ["model": "gpt-image-1", "prompt": "x", "size": "128x128"])
                let (error, _) = await transportFailure { try await transport.send(request) }
                #expect(error?.kind == .tooLarge)
                // Under the limit the same transport still works.
                let small = try await transport.send(jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": []]))
                #expect(small.status == 200)
            }
        }
    }

    @Test("cancelling the task cancels the request in flight promptly")
    func cancellation() async throws {
        try await withFakeRouter { router, base in
            router.fail(.hang)
            try await withTransport { transport in
                let request = jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": []], timeout: .seconds(60))
                let task = Task { await transportFailure { try await transport.send(request) } }
                try await Task.sleep(for: .milliseconds(300))
                task.cancel()
                let (error, elapsed) = await task.value
                #expect(error?.kind == .cancelled)
                #expect(elapsed < .seconds(30))  // generous: busy machines; the property is 'not the 60 s deadline'
            }
        }
    }

    @Test("a connection reset is reported as reset")
    func reset() async throws {
        try await withFakeRouter { router, base in
            router.fail(.reset)
            try await withTransport { transport in
                let (error, _) = await transportFailure {
                    try await transport.send(jsonRequest(base, "chat/completions", ["model": "gpt-4o", "messages": []]))
                }
                #expect(error?.kind == .reset)
            }
        }
    }

    @Test("a body cut short of its Content-Length is reported as reset, never returned")
    func truncatedBody() async throws {
        try await withFakeRouter { router, base in
            router.fail(.truncatedBody)
            try await withTransport { transport in
                let (error, _) = await transportFailure {
                    try await transport.send(jsonRequest(base, "images/generations", ["model": "gpt-image-1", "prompt": "x"]))
                }
                #expect(error?.kind == .reset)
            }
        }
    }

    @Test("after shutdown a request fails with unreachable")
    func afterShutdown() async throws {
        let transport = LiveTransport()
        await transport.shutdown()
        let url = try #require(URL(string: "http://127.0.0.1:9/"))
        let (error, _) = await transportFailure { try await transport.send(HTTPRequest(method: "GET", url: url)) }
        #expect(error?.kind == .unreachable)
    }

    @Test("the connect timeout, pool width and limit reach the configuration")
    func configuration() {
        let transport = LiveTransport(connectTimeout: .seconds(3), concurrency: 16, maxResponseBytes: 1000)
        #expect(transport.configuration.connectTimeout == .seconds(3))
        #expect(transport.configuration.maxConnectionsPerHost == 16)
        #expect(transport.configuration.maxResponseBytes == 1000)
        #expect(LiveTransportConfiguration.forConcurrency(2).maxConnectionsPerHost == 8)
        #expect(LiveTransportConfiguration().connectTimeout == .seconds(15))
    }
}

@Suite("LiveTransport name resolution")
struct LiveTransportResolutionTests {
    /// A real resolver failure that never leaves the machine: a DNS label longer than 63 bytes
    /// cannot be put in a query, so getaddrinfo fails before sending one. (A plain `.invalid`
    /// name was asked of the configured DNS server, and a slow server turned the expected
    /// `connect` into the request's `timeout`.) The failure is immediate; the generous connect
    /// timeout only keeps a machine saturated by the ThreadSanitizer run from turning it into one.
    @Test("a host that does not resolve fails with connect")
    func unknownHost() async throws {
        try await withTransport(LiveTransportConfiguration(connectTimeout: .seconds(15))) { transport in
            let label = String(repeating: "a", count: 70)
            let url = try #require(URL(string: "http://\(label).invalid/v1/chat/completions"))
            let (error, _) = await transportFailure { try await transport.send(HTTPRequest(method: "POST", url: url, timeout: .seconds(30))) }
            #expect(error?.kind == .connect, "\(error?.message ?? "no error")")
        }
    }
}
