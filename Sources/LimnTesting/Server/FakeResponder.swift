import Foundation
import LimnImage
import LimnRouter

/// Decides how the fake router answers one request: the API routes by scenario and faults, the
/// upload endpoint, `/files/` downloads, and the task pages that task-text answers link to.
struct FakeResponder {
    let state: FakeRouterState

    private var renderer: FakeRenderer { FakeRenderer(state: state) }

    /// The delivery for `request` (already recorded).
    func respond(to request: RecordedRequest, endpoint: FakeEndpoint) async -> FakeDelivery {
        do {
            if let call = FakeCall(endpoint: endpoint, request: request) {
                return try await respondToCall(call, request: request)
            }
            return .response(try respondToOther(endpoint, request: request))
        } catch {
            let body = #"{"error":{"message":"fake router failure: \#(FakeRenderer.jsonEscaped("\(error)"))","type":"server_error","code":null}}"#
            return .response(FakeReply(status: 500, contentType: "application/json", body: Data(body.utf8)))
        }
    }

    /// The answer to an API call, delivered `latency` after the request arrived (rendering counts
    /// toward it, so a benchmark sees exactly L per call while rendering takes less than L).
    private func respondToCall(_ call: FakeCall, request: RecordedRequest) async throws -> FakeDelivery {
        let arrived = ContinuousClock.now
        if let key = state.configuration.requiredKey, !Self.carriesKey(key, request) {
            return .response(try renderer.render(.invalidKey, for: call))
        }
        let (latency, fault, chosen) = state.scenario.withLock { scenario in
            (scenario.latency, scenario.takeFault(model: call.model, route: call.route),
             scenario.explicitAnswer(model: call.model, route: call.route))
        }
        let delivery = try deliver(chosen ?? Self.defaultAnswer(for: call), fault: fault, for: call)
        if latency > .zero { try? await Task.sleep(until: arrived.advanced(by: latency), clock: .continuous) }
        return delivery
    }

    private func deliver(_ answer: FakeAnswer, fault: FakeFault?, for call: FakeCall) throws -> FakeDelivery {
        switch fault {
        case nil:
            return .response(try renderer.render(answer, for: call))
        case .rateLimited(let seconds)?:
            var reply = try renderer.render(.openAIError(status: 429, message: "Rate limit reached for requests, please retry later",
                                                         type: "rate_limit_error", code: "rate_limit_exceeded",
                                                         requestID: "req_fake_429"), for: call)
            if let seconds { reply.headers.append(("Retry-After", String(seconds))) }
            return .response(reply)
        case .serverError(let status)?:
            return .response(try renderer.render(.openAIError(status: status, message: "model temporarily unavailable",
                                                              type: "new_api_error", code: "get_channel_failed",
                                                              requestID: "req_fake_5xx"), for: call))
        case .htmlPage(let status)?:
            return .response(try renderer.render(.htmlPage(status: status), for: call))
        case .errorOnOK?:
            return .response(try renderer.render(.openAIError(status: 200, message: "upstream error: get channel failed",
                                                              type: "new_api_error", code: "get_channel_failed",
                                                              requestID: "req_fake_200"), for: call))
        case .truncatedBody?:
            return .truncated(try renderer.render(answer, for: call))
        case .hang?:
            return .hang
        case .hangAfterHead?:
            return .hangAfterHead(try renderer.render(answer, for: call))
        case .reset?:
            return .reset
        case .answer(let replacement)?:
            return .response(try renderer.render(replacement, for: call))
        }
    }

    /// The family default, in its streaming form when the request asks for a stream.
    static func defaultAnswer(for call: FakeCall) -> FakeAnswer {
        let answer = FakeAnswer.defaultAnswer(model: call.model, route: call.route)
        guard call.stream else { return answer }
        switch answer {
        case .imagesB64, .imagesURL: return .imagesStream()
        case .geminiInline, .geminiText: return .geminiStream()
        case .markdown(_, let count): return .chatStream(.markdown, count: count)
        default: return answer
        }
    }

    static func carriesKey(_ key: String, _ request: RecordedRequest) -> Bool {
        if request.headers["Authorization"] == "Bearer \(key)" || request.headers["x-goog-api-key"] == key { return true }
        let query = URLComponents(string: "http://fake" + request.path)?.queryItems ?? []
        return query.contains { $0.name == "key" && $0.value == key }
    }

    private func respondToOther(_ endpoint: FakeEndpoint, request: RecordedRequest) throws -> FakeReply {
        switch endpoint {
        case .upload:
            guard let file = request.multipart?.parts(named: "file").first else {
                return try error(400, "multipart field 'file' is required")
            }
            return try storeUpload(file.body)
        case .uploadBase64:
            guard let uri = request.json?["data"]?.stringValue, let comma = uri.firstIndex(of: ","),
                  let bytes = Data(base64Encoded: String(uri[uri.index(after: comma)...])) else {
                return try error(400, "'data' must be a data: URI")
            }
            return try storeUpload(bytes)
        case .file(let name):
            if name.hasPrefix("uploads/"), let bytes = state.uploads.withLock({ $0[String(name.dropFirst(8))] }) {
                return FakeReply(status: 200, contentType: ImageFormat.sniff(bytes)?.mime ?? "application/octet-stream", body: bytes)
            }
            guard let key = FakeImageFactory.key(fileName: name) else { return try error(404, "no such file: \(name)") }
            let image = try state.images.image(key).image
            return FakeReply(status: 200, contentType: image.mime, body: image.bytes)
        case .progressImage:
            let key = FakeImageFactory.Key(size: FakeImageSize(24, 24), format: .webp, seed: 7, noise: false)
            return FakeReply(status: 200, contentType: "image/webp", body: try state.images.image(key).image.bytes)
        case .taskPreview(let task), .taskSource(let task):
            let name = endpoint == .taskPreview(task) ? "asyncdata-preview.html" : "asyncdata-source.json"
            guard let template = FixtureLibrary.template(name) else { throw FakeRouterError("the fixture \(name) is missing") }
            let id = task.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            let body = template.render(["TASK_ID": String(id), "CREATED": String(Int(Date().timeIntervalSince1970))])
            return FakeReply(status: 200, contentType: FakeRenderer.contentType(of: name), body: Data(body.utf8))
        default:
            return try error(404, "Invalid URL (\(request.method) \(request.pathOnly))")
        }
    }

    private func storeUpload(_ bytes: Data) throws -> FakeReply {
        guard let format = ImageFormat.sniff(bytes) else { return try error(400, "the uploaded file is not png, jpeg, webp or gif") }
        let id = "file_fake\(state.nextNumber())"
        state.uploads.withLock { $0["\(id).\(format.fileExtension)"] = bytes }
        guard let template = FixtureLibrary.template("upload.json") else { throw FakeRouterError("the fixture upload.json is missing") }
        let expires = ISO8601DateFormatter().string(from: Date().addingTimeInterval(48 * 3600))
        let body = template.render([
            "FILE_ID": id, "FILE_URL": state.rootText + "/files/uploads/\(id).\(format.fileExtension)",
            "FILE_MIME": format.mime, "FILE_BYTES": String(bytes.count), "EXPIRES": expires,
        ])
        return FakeReply(status: 200, contentType: "application/json", body: Data(body.utf8))
    }

    private func error(_ status: Int, _ message: String) throws -> FakeReply {
        let code = status == 404 ? "not_found" : "invalid_request_error"
        let body = #"{"error":{"message":"\#(FakeRenderer.jsonEscaped(message))","type":"invalid_request_error","param":null,"code":"\#(code)"}}"#
        return FakeReply(status: status, contentType: "application/json", body: Data(body.utf8))
    }
}
