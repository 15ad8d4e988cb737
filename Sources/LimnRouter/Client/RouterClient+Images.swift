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
    /// The URLs of one reply download concurrently, at most `downloadConcurrency` at once, each
    /// with its own retries; the first `.url` that fails cancels the others.
    func receiveImages(_ reply: NormalizedReply, policy: RetryPolicy) async throws(RouterError) -> [ReceivedImage] {
        let downloads = try await downloadAll(reply.images, policy: policy)
        // The bytes each candidate stands for, where it has any, validated all at once below.
        var pending: [(index: Int, data: Data, what: String)] = []
        for (index, candidate) in reply.images.enumerated() {
            let what = "image \(index + 1) of the \(reply.shape.rawValue) reply"
            switch candidate {
            case .bytes(let data, _): pending.append((index, data, what))
            case .url(let url):
                if case .success(let r)? = downloads[index] { pending.append((index, r.body, "\(what) (\(url))")) }
            case .candidateLink(let url):
                // A link is kept only when its bytes are an image: other pages are skipped unvalidated.
                if case .success(let r)? = downloads[index], ImageFormat.sniff(r.body) != nil {
                    pending.append((index, r.body, "\(what) (\(url))"))
                }
            }
        }
        let validated = await validateAll(pending)
        var received: [ReceivedImage] = []
        for (index, candidate) in reply.images.enumerated() {
            let prompt = index < reply.revisedPrompts.count ? reply.revisedPrompts[index] : nil
            switch candidate {
            case .bytes:
                received.append(ReceivedImage(image: try validated[index]!.get(), shape: reply.shape, revisedPrompt: prompt))
            case .url(let url):
                _ = try downloads[index]!.get()
                received.append(ReceivedImage(image: try validated[index]!.get(), url: url, shape: reply.shape, revisedPrompt: prompt))
            case .candidateLink(let url):
                let response: HTTPResponse
                switch downloads[index]! {
                case .success(let r): response = r
                case .failure(let error):
                    emit(.skippedLink(url: url, reason: error.message))
                    continue
                }
                guard let format = ImageFormat.sniff(response.body) else {
                    let type = response.headers["Content-Type"].map { " (\($0))" } ?? ""
                    emit(.skippedLink(url: url, reason: "not an image\(type)"))
                    continue
                }
                switch validated[index]! {
                case .success(let image):
                    received.append(ReceivedImage(image: image, url: url, shape: reply.shape, revisedPrompt: prompt))
                case .failure(let error):
                    emit(.skippedLink(url: url, reason: "a broken \(format.rawValue): \(error.message)"))
                }
            }
        }
        return received
    }

    /// Validates (full decode and SHA-256) each candidate's bytes, several at once when a reply
    /// carries more than one image: an `n = 4` answer costs about one image's time per core,
    /// not four images' time in a row. Results by candidate index.
    private func validateAll(_ pending: [(index: Int, data: Data, what: String)]) async -> [Int: Result<EncodedImage, RouterError>] {
        func one(_ p: (index: Int, data: Data, what: String)) -> Result<EncodedImage, RouterError> {
            do { return .success(try validate(p.data, what: p.what)) } catch { return .failure(error) }
        }
        guard pending.count > 1 else { return Dictionary(uniqueKeysWithValues: pending.map { ($0.index, one($0)) }) }
        return await withTaskGroup(of: (Int, Result<EncodedImage, RouterError>).self) { group in
            for p in pending { group.addTask { (p.index, one(p)) } }
            var results: [Int: Result<EncodedImage, RouterError>] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    /// The downloads of `candidates`' URLs by index, run concurrently. Throws the error of the
    /// first required `.url` to fail (links that fail are only reported by the caller).
    private func downloadAll(_ candidates: [ImageCandidate], policy: RetryPolicy) async throws(RouterError) -> [Int: Result<HTTPResponse, RouterError>] {
        var jobs: [(index: Int, url: String, required: Bool)] = []
        for (index, candidate) in candidates.enumerated() {
            switch candidate {
            case .bytes: break
            case .url(let url): jobs.append((index, url, true))
            case .candidateLink(let url): jobs.append((index, url, false))
            }
        }
        if jobs.isEmpty { return [:] }
        if jobs.count == 1 {
            emit(.downloading(url: jobs[0].url))
            return [jobs[0].index: await downloadResult(jobs[0].url, policy: policy)]
        }
        let width = max(1, downloadConcurrency)
        let results = await withTaskGroup(of: (Int, Bool, Result<HTTPResponse, RouterError>).self) { group in
            var results: [Int: Result<HTTPResponse, RouterError>] = [:]
            var next = 0
            func start() {
                let job = jobs[next]
                next += 1
                emit(.downloading(url: job.url))
                group.addTask {
                    (job.index, job.required, await self.downloadResult(job.url, policy: policy))
                }
            }
            while next < min(width, jobs.count) { start() }
            while let (index, required, result) = await group.next() {
                results[index] = result
                if required, case .failure = result {
                    group.cancelAll()
                    break
                }
                if next < jobs.count { start() }
            }
            return results
        }
        // A required download that failed (or was never finished because another failed).
        for job in jobs where job.required {
            if case .failure(let error)? = results[job.index] { throw error }
        }
        return results
    }

    private func downloadResult(_ url: String, policy: RetryPolicy) async -> Result<HTTPResponse, RouterError> {
        do { return .success(try await download(url, policy: policy)) } catch { return .failure(error) }
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
