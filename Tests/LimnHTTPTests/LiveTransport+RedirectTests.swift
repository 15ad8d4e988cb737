import Foundation
import LimnHTTP
import LimnImage
import LimnRouter
import LimnTesting
import Testing

@Suite("LiveTransport redirects")
struct LiveTransportRedirectTests {
    @Test("a redirect to another host is followed without the key")
    func crossHostDropsKey() async throws {
        try await withFakeRouter(FakeRouterConfiguration(advertisedHost: "localhost")) { cdn, cdnBase in
            try await withFakeRouter { router, base in
                let target = cdnBase.deletingLastPathComponent().appendingPathComponent("files/img-32x32-s0.png")
                router.answer(model: "gpt-image-1", with: .redirect(status: 307, location: target.absoluteString))
                try await withTransport { transport in
                    let request = jsonRequest(base, "images/generations", ["model": "gpt-image-1", "prompt": "x"],
                                              headers: ["Authorization": "Bearer \(testKey)", "x-goog-api-key": testKey])
                    let response = try await transport.send(request)
                    #expect(response.status == 200)
                    #expect(ImageFormat.sniff(response.body) == .png)
                }
                #expect(router.requests.count == 1)
                #expect(router.requests.first?.headers["Authorization"] == "Bearer \(testKey)")
                let followed = try #require(cdn.requests.first)
                #expect(cdn.requests.count == 1)
                #expect(followed.pathOnly == "/files/img-32x32-s0.png")
                #expect(!followed.contains(testKey))
                #expect(followed.method == "POST")  // 307 keeps the method
            }
        }
    }

    @Test("a redirect on the same origin keeps the key; 302 after POST becomes GET with no body")
    func sameOriginKeepsKey() async throws {
        try await withFakeRouter { router, base in
            let target = base.deletingLastPathComponent().appendingPathComponent("files/img-16x16-s1.png")
            router.answer(model: "gpt-image-1", with: .redirect(status: 302, location: target.path))  // relative Location
            try await withTransport { transport in
                let request = jsonRequest(base, "images/generations", ["model": "gpt-image-1", "prompt": "x"],
                                          headers: ["Authorization": "Bearer \(testKey)"])
                let response = try await transport.send(request)
                #expect(response.status == 200)
                #expect(try EncodedImage(validating: response.body).width == 16)
            }
            #expect(router.requests.count == 2)
            let followed = router.requests[1]
            #expect(followed.method == "GET")
            #expect(followed.body.isEmpty)
            #expect(followed.headers["Authorization"] == "Bearer \(testKey)")
        }
    }

    @Test("redirects stop at the limit and the last answer is returned")
    func redirectLimit() async throws {
        try await withFakeRouter { router, base in
            router.answer(model: "loop", with: .redirect(status: 307, location: base.appendingPathComponent("chat/completions").absoluteString))
            var config = LiveTransportConfiguration()
            config.maxRedirects = 3
            try await withTransport(config) { transport in
                let response = try await transport.send(jsonRequest(base, "chat/completions", ["model": "loop", "messages": []]))
                #expect(response.status == 307)
            }
            #expect(router.requests.count == 4)
        }
    }

    @Test("RedirectRule strips every credential header and a key query item across origins")
    func ruleAcrossOrigins() throws {
        let from = try #require(URL(string: "https://api.example.com/v1/images/generations"))
        let request = HTTPRequest(method: "POST", url: from,
                                  headers: ["Authorization": "Bearer k", "x-goog-api-key": "k", "Cookie": "a=b", "Accept": "*/*"],
                                  body: Data("{}".utf8))
        let response = HTTPResponse(status: 308, headers: ["Location": "https://cdn.example.net/a.png?key=k&x=1"])
        let next = try #require(RedirectRule.nextRequest(after: request, response: response))
        #expect(next.url.absoluteString == "https://cdn.example.net/a.png?x=1")
        #expect(next.headers["Authorization"] == nil)
        #expect(next.headers["x-goog-api-key"] == nil)
        #expect(next.headers["Cookie"] == nil)
        #expect(next.headers["Accept"] == "*/*")
        #expect(next.method == "POST")
        #expect(next.body == request.body)
    }

    @Test("RedirectRule treats another port or scheme as another origin")
    func ruleOrigins() throws {
        let a = try #require(URL(string: "http://127.0.0.1:8080/v1"))
        #expect(RedirectRule.sameOrigin(a, try #require(URL(string: "http://127.0.0.1:8080/files/x"))))
        #expect(!RedirectRule.sameOrigin(a, try #require(URL(string: "http://127.0.0.1:8081/files/x"))))
        #expect(!RedirectRule.sameOrigin(a, try #require(URL(string: "https://127.0.0.1:8080/files/x"))))
        #expect(RedirectRule.sameOrigin(try #require(URL(string: "https://h/")), try #require(URL(string: "https://H:443/x"))))
    }

    @Test("RedirectRule ignores non-redirects and unusable locations")
    func ruleIgnores() throws {
        let request = HTTPRequest(method: "GET", url: try #require(URL(string: "https://h/")))
        #expect(RedirectRule.nextRequest(after: request, response: HTTPResponse(status: 200, headers: ["Location": "/x"])) == nil)
        #expect(RedirectRule.nextRequest(after: request, response: HTTPResponse(status: 302)) == nil)
        #expect(RedirectRule.nextRequest(after: request, response: HTTPResponse(status: 302, headers: ["Location": "ftp://h/x"])) == nil)
        let see = try #require(RedirectRule.nextRequest(after: request, response: HTTPResponse(status: 303, headers: ["Location": "/y"])))
        #expect(see.url.absoluteString == "https://h/y")
    }
}
