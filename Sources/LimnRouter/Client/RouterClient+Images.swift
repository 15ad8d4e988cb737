import Foundation
import LimnImage

extension RouterClient {
    /// Downloads and validates an image for the Lua `image(url)` binding (`http(s)://` or `data:`).
    public func fetchImage(url: String) async throws(RouterError) -> InputImage {
        do throws(RouterError) {
            if url.hasPrefix("data:") {
                let reply = try TextAnalysis.analyze("![](\(url))", field: "the data URI", limits: limits)
                guard case .bytes(let data, _)? = reply.images.first else {
                    throw RouterError(.decode, "the data URI holds no base64 image")
                }
                return InputImage(image: try validate(data, what: "the data URI"))
            }
            guard ImagePayload.isWebURL(url), URL(string: url) != nil else {
                throw RouterError(.config, "image() takes a path, an http(s) URL or a data: URI; got \(url.prefix(80))")
            }
            let response = try await download(url, policy: retry)
            return InputImage(image: try validate(response.body, what: "the image at \(url)"), sourceURL: url)
        } catch {
            throw scrub(error, call: nil, route: nil)
        }
    }

    /// Every image candidate fetched and validated, in order. `.url`s must succeed; `.candidateLink`s
    /// are kept only when their bytes are an image (a task's HTML pages are dropped with an event).
    func receiveImages(_ reply: NormalizedReply, policy: RetryPolicy) async throws(RouterError) -> [ReceivedImage] {
        var received: [ReceivedImage] = []
        for (index, candidate) in reply.images.enumerated() {
            let prompt = index < reply.revisedPrompts.count ? reply.revisedPrompts[index] : nil
            let what = "image \(index + 1) of the \(reply.shape.rawValue) reply"
            switch candidate {
            case .bytes(let data, _):
                received.append(ReceivedImage(image: try validate(data, what: what), shape: reply.shape, revisedPrompt: prompt))
            case .url(let url):
                emit(.downloading(url: url))
                let response = try await download(url, policy: policy)
                received.append(ReceivedImage(image: try validate(response.body, what: "\(what) (\(url))"), url: url,
                                              shape: reply.shape, revisedPrompt: prompt))
            case .candidateLink(let url):
                emit(.downloading(url: url))
                let response: HTTPResponse
                do throws(RouterError) {
                    response = try await download(url, policy: policy)
                } catch {
                    emit(.skippedLink(url: url, reason: error.message))
                    continue
                }
                guard let format = ImageFormat.sniff(response.body) else {
                    let type = response.headers["Content-Type"].map { " (\($0))" } ?? ""
                    emit(.skippedLink(url: url, reason: "not an image\(type)"))
                    continue
                }
                do throws(RouterError) {
                    received.append(ReceivedImage(image: try validate(response.body, what: "\(what) (\(url))"), url: url,
                                                  shape: reply.shape, revisedPrompt: prompt))
                } catch {
                    emit(.skippedLink(url: url, reason: "a broken \(format.rawValue): \(error.message)"))
                }
            }
        }
        return received
    }

    /// A GET with retries. The router's key goes along only when the URL has the router's own
    /// origin — scheme, host and port — so neither another host nor another service on the same
    /// host, nor plain http where the router speaks https, ever sees it.
    func download(_ url: String, policy: RetryPolicy) async throws(RouterError) -> HTTPResponse {
        guard let target = URL(string: url), ImagePayload.isWebURL(url) else {
            throw RouterError(.decode, "the image URL \(url.prefix(120)) is not an http(s) URL")
        }
        var headers: HTTPHeaders = ["Accept": "image/*"]
        if let key = provider.apiKey, Self.sameOrigin(target, provider.baseURL) {
            headers["Authorization"] = "Bearer \(key.revealedValue)"
        }
        let request = HTTPRequest(method: "GET", url: target, headers: headers, timeout: builder.defaultTimeout)
        let host = target.host ?? "?"
        return try await withRetries(policy: policy) { _ throws(RouterError) -> HTTPResponse in
            let response = try await exchange(request)
            guard (200..<300).contains(response.status) else {
                let retryable = response.status == 429 || response.status >= 500
                throw RouterError(response.status == 429 ? .rateLimit : .http,
                                  "downloading \(url.prefix(200)) failed: HTTP \(response.status) from \(host)",
                                  status: response.status, retryable: retryable,
                                  retryAfter: RetryAfter.seconds(from: response.headers))
            }
            guard response.body.count <= limits.maxDownloadBytes else {
                throw RouterLimits.exceeded("the image at \(url.prefix(200)) is \(response.body.count) bytes", key: "download_size",
                                            limit: limits.maxDownloadBytes, bytes: true)
            }
            return response
        }
    }

    /// Whether two URLs share scheme, host and port (default ports filled in).
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func origin(_ u: URL) -> (String, String, Int)? {
            guard let scheme = u.scheme?.lowercased(), let host = u.host?.lowercased() else { return nil }
            return (scheme, host, u.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1))
        }
        guard let x = origin(a), let y = origin(b) else { return false }
        return x == y
    }

    /// Validates image bytes (format, size, full decode) into an `EncodedImage`.
    func validate(_ data: Data, what: String) throws(RouterError) -> EncodedImage {
        guard data.count <= limits.image.maxBytes else {
            throw RouterLimits.exceeded("\(what) is \(data.count) bytes", key: "image_size", limit: limits.image.maxBytes, bytes: true)
        }
        do {
            return try EncodedImage(validating: data, limits: limits.image)
        } catch {
            if error.kind == .tooLarge { throw RouterError(.limit, "\(what) is refused: \(error.message)") }
            throw RouterError(.decode, "\(what) is not a valid image: \(error.message)")
        }
    }
}
