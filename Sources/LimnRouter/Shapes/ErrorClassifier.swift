import Foundation

/// Recognizes error answers (router-shapes §1, §4, §6.4, §7.2, §9 E-rows) and turns them into a
/// `RouterError` of the right kind: OpenAI-style `error` objects whatever the status, Google-style
/// integer codes, new-api `(request id: …)` suffixes, HTML pages from a proxy, empty bodies.
enum ErrorClassifier {
    /// Request-id headers, in the order they are trusted.
    static let requestIDHeaders = ["x-request-id", "x-oneapi-request-id", "x-new-api-request-id"]

    static func requestID(in headers: HTTPHeaders) -> String? {
        for name in requestIDHeaders {
            if let value = headers[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return nil
    }

    /// The error a JSON body describes, or nil when it describes none (a 2xx body without `error`).
    static func error(in body: JSONValue, context: ShapeContext) -> RouterError? {
        if case .object(let object) = body {
            if let error = object["error"], error != .null, !(success(context) && isBlank(error)) {
                return fromErrorMember(error, context: context)
            }
            if object["success"] == .bool(false), let message = object["message"]?.stringValue {
                return make(message: message, code: object["code"].flatMap(codeText), type: nil, embedded: nil, context: context)
            }
        }
        guard !(200..<300).contains(context.status) else { return nil }
        // A non-2xx JSON body without an `error` member: use whatever says what happened.
        let said: String? = ["message", "detail", "msg", "description"].lazy.compactMap { body[$0]?.stringValue }.first
        let message = said ?? "HTTP \(context.status) with a JSON body: \(body.jsonText.prefix(160))"
        return make(message: message, code: body["code"].flatMap(codeText), type: body["type"]?.stringValue, embedded: nil, context: context)
    }

    private static func success(_ context: ShapeContext) -> Bool { (200..<300).contains(context.status) }

    /// `"error": ""` or `"error": {}` beside a real answer (some gateways always send the member).
    private static func isBlank(_ error: JSONValue) -> Bool {
        switch error {
        case .string(let s): s.isEmpty
        case .span(let s): s.count == 0
        case .object(let o): ["message", "code", "type", "status"].allSatisfy { o[$0] == nil || o[$0] == .null || o[$0] == .string("") }
        default: false
        }
    }

    private static func fromErrorMember(_ error: JSONValue, context: ShapeContext) -> RouterError {
        if error.isString, let text = error.stringValue {
            return make(message: text, code: nil, type: nil, embedded: nil, context: context)
        }
        let message = error["message"]?.stringValue ?? ""
        let type = error["type"]?.stringValue ?? error["status"]?.stringValue  // Google: status "INVALID_ARGUMENT"
        let embedded = error["code"]?.intValue  // Google: code 400; some relays put the HTTP status here
        var code = error["code"].flatMap(codeText)
        if embedded != nil, let googleStatus = error["status"]?.stringValue { code = googleStatus }  // `INVALID_ARGUMENT` reads better than `400`
        return make(message: message, code: code, type: type, embedded: embedded, context: context)
    }

    private static func codeText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s.isEmpty ? nil : s
        case .span(let s): s.string
        case .int(let i): String(i)
        default: nil
        }
    }

    static func make(message raw: String, code: String?, type: String?, embedded: Int?, context: ShapeContext) -> RouterError {
        var (message, idFromText) = splitRequestID(raw)
        message = oneLine(message, limit: 600)
        let tag = [code, type].compactMap { $0 }.joined(separator: " ")
        if message.isEmpty { message = tag.isEmpty ? "HTTP \(context.status) error with no message" : tag }
        if let code, Int(code) == nil, !message.contains(code) { message += " [\(code)]" }
        var status = context.status
        if (200..<300).contains(status), let embedded, (400..<600).contains(embedded) { status = embedded }
        let (kind, retryable) = classify(status: status, tag: tag.lowercased() + " " + message.lowercased())
        return RouterError(kind, message, status: context.status, route: context.route,
                           requestID: requestID(in: context.headers) ?? idFromText, retryable: retryable,
                           retryAfter: kind == .rateLimit ? RetryAfter.seconds(from: context.headers, now: context.now) : nil)
    }

    /// The kind for an HTTP status, refined by the router's code/type text.
    static func classify(status: Int, tag: String) -> (RouterError.Kind, Bool) {
        func has(_ words: String...) -> Bool { words.contains { tag.contains($0) } }
        if has("invalid_api_key", "authentication", "unauthenticated", "permission_denied", "invalid_token", "未提供令牌", "无效的令牌") {
            return (.auth, false)
        }
        if has("insufficient_quota", "insufficient_user_quota", "billing_hard_limit", "余额不足") {
            return (status == 429 ? .rateLimit : .api, false)
        }
        if has("rate_limit", "resource_exhausted", "too many requests") { return (.rateLimit, true) }
        if has("deadline_exceeded") { return (.timeout, true) }
        switch status {
        case 401, 403: return (.auth, false)
        case 408: return (.timeout, true)
        case 429: return (.rateLimit, true)
        case 500..<600: return (.http, true)
        case 400..<500: return (.api, false)
        case 200..<300:
            if has("server_error", "get_channel_failed", "unavailable", "internal", "overloaded", "upstream") { return (.http, true) }
            return (.api, false)
        default: return (.http, false)
        }
    }

    /// A non-JSON, non-HTML body on an error status.
    static func fromText(_ body: Data, context: ShapeContext) -> RouterError {
        let text = oneLine(String(decoding: body.prefix(400), as: UTF8.self), limit: 200)
        let message = text.isEmpty ? "HTTP \(context.status) with an empty body" : "HTTP \(context.status): \(text)"
        return make(message: message, code: nil, type: nil, embedded: nil, context: context)
    }

    /// An HTML page (a proxy's error page): the status and the page title, never the HTML.
    static func fromHTML(_ body: Data, context: ShapeContext) -> RouterError {
        let title = htmlTitle(body).map { " titled \"\($0)\"" } ?? ""
        var message = "the router answered HTTP \(context.status) with an HTML page\(title) instead of JSON"
        switch context.status {
        case 524: message += " (Cloudflare: the origin timed out; image models can be slow, retry or use stream=true)"
        case 502, 520...523, 525...530: message += " (a proxy could not reach the router's origin)"
        case 200..<300:
            let error = RouterError(.shape, message + "; is the base URL the router's API (ending in /v1)?", status: context.status,
                                    route: context.route, requestID: requestID(in: context.headers))
            return error
        default: break
        }
        let (kind, retryable) = classify(status: context.status, tag: "")
        return RouterError(kind, message, status: context.status, route: context.route, requestID: requestID(in: context.headers),
                           retryable: retryable,
                           retryAfter: kind == .rateLimit ? RetryAfter.seconds(from: context.headers, now: context.now) : nil)
    }

    static func htmlTitle(_ body: Data) -> String? {
        let head = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        guard let open = head.range(of: "<title", options: .caseInsensitive),
              let close = head.range(of: ">", range: open.upperBound..<head.endIndex),
              let end = head.range(of: "</title", options: .caseInsensitive, range: close.upperBound..<head.endIndex) else { return nil }
        var title = String(head[close.upperBound..<end.lowerBound])
        for (entity, char) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#039;", "'"), ("&nbsp;", " ")] {
            title = title.replacingOccurrences(of: entity, with: char)
        }
        title = oneLine(title, limit: 160)
        return title.isEmpty ? nil : title
    }

    /// `no channel (request id: req_1)` → ("no channel", "req_1").
    static func splitRequestID(_ message: String) -> (String, String?) {
        for marker in ["(request id: ", "(request id:", "(请求 id: ", "（request id: "] {
            guard let start = message.range(of: marker, options: .caseInsensitive),
                  let end = message[start.upperBound...].firstIndex(where: { $0 == ")" || $0 == "）" }) else { continue }
            let id = message[start.upperBound..<end].trimmingCharacters(in: .whitespaces)
            let rest = (message[..<start.lowerBound] + message[message.index(after: end)...]).trimmingCharacters(in: .whitespaces)
            return (rest, id.isEmpty ? nil : id)
        }
        return (message, nil)
    }

    /// Whitespace runs collapsed to one space, cut at `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        return collapsed.count > limit ? String(collapsed.prefix(limit)) + "…" : collapsed
    }
}
