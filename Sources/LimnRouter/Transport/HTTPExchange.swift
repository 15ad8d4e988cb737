import Foundation

/// HTTP header fields in order, looked up case-insensitively.
public struct HTTPHeaders: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The fields in the order they were added.
    public var fields: [(name: String, value: String)]

    /// Headers from ordered pairs.
    public init(_ fields: [(String, String)] = []) { self.fields = fields.map { (name: $0.0, value: $0.1) } }
    /// Headers from a literal.
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    /// The first value for `name` (case-insensitive); setting replaces every field of that name.
    public subscript(name: String) -> String? {
        get { fields.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })?.value }
        set {
            fields.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            if let newValue { fields.append((name: name, value: newValue)) }
        }
    }

    public static func == (a: HTTPHeaders, b: HTTPHeaders) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

/// One HTTP request as a value: what every transport (offline, live, replay) receives.
public struct HTTPRequest: Sendable, Equatable {
    /// `GET` or `POST`.
    public var method: String
    /// The absolute URL.
    public var url: URL
    /// Header fields, including `Authorization` when the call goes to the router.
    public var headers: HTTPHeaders
    /// The body (empty for GET), as pieces that share the storage of the images they carry.
    public var content: HTTPBody
    /// The deadline for the whole exchange, counted from the moment it is sent.
    public var timeout: Duration

    /// The body bytes: `content` joined (a copy when it has more than one piece).
    public var body: Data {
        get { content.data }
        set { content = HTTPBody(newValue) }
    }

    /// A request value.
    public init(method: String = "POST", url: URL, headers: HTTPHeaders = [:], body: Data = Data(), timeout: Duration = .seconds(600)) {
        self.init(method: method, url: url, headers: headers, content: HTTPBody(body), timeout: timeout)
    }

    /// A request whose body is `content`.
    public init(method: String = "POST", url: URL, headers: HTTPHeaders = [:], content: HTTPBody, timeout: Duration = .seconds(600)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.content = content
        self.timeout = timeout
    }
}

/// One HTTP response as a value.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// Header fields.
    public var headers: HTTPHeaders
    /// The whole body, except the long base64 string values in `lifted`, which it holds as `""`.
    public var body: Data
    /// Base64 string values decoded while the body arrived (`ResponseBodyCollector`), by the
    /// offset in `body` of the `""` that stands for each; empty for most responses.
    public var lifted: [Int: Data]

    /// A response value.
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data(), lifted: [Int: Data] = [:]) {
        self.status = status
        self.headers = headers
        self.body = body
        self.lifted = lifted
    }

    /// The body as the router sent it: each lifted value written back as its base64 (exact, since
    /// only canonical base64 is lifted). For recordings; a copy when anything was lifted.
    public var wireBody: Data {
        guard !lifted.isEmpty else { return body }
        var out = Data()
        out.reserveCapacity(body.count + lifted.values.reduce(0) { $0 + ($1.count + 2) / 3 * 4 })
        var at = body.startIndex
        for offset in lifted.keys.sorted() {
            let quote = body.startIndex + offset
            out.append(body[at...quote])
            out.append(lifted[offset]!.base64EncodedData())
            at = quote + 1
        }
        out.append(body[at...])
        return out
    }
}

/// Sends requests and returns responses. The offline provider, the live HTTP client and the
/// replay transport are values of this one type; nothing above them knows which it has.
public protocol Transport: Sendable {
    /// Sends `request` and returns the whole response, or throws `TransportError`.
    /// Honours task cancellation by throwing `TransportError.cancelled`.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// A failure below HTTP: the request got no response.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable {
        /// The connection could not be made (refused, DNS, TLS).
        case connect
        /// The deadline passed before the response was complete.
        case timeout
        /// The connection dropped mid-exchange.
        case reset
        /// The call was cancelled (task cancel, Ctrl-C).
        case cancelled
        /// The body exceeded the size limit.
        case tooLarge
        /// No route to answer this URL (e.g. offline provider asked for an unknown path or host).
        case unreachable
        /// The address policy refused the target (a sandboxed run).
        case forbidden
    }
    /// The kind of failure.
    public var kind: Kind
    /// A one-line explanation.
    public var message: String

    /// A transport error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
}

extension HTTPHeaders: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Header names whose values are credentials and never printed.
    public static let sensitiveNames: Set<String> = [
        "authorization", "proxy-authorization", "x-goog-api-key", "x-api-key", "api-key", "cookie", "set-cookie",
    ]

    /// The fields with credential values replaced by `<redacted>`.
    public var redactedFields: [(name: String, value: String)] {
        fields.map { Self.sensitiveNames.contains($0.name.lowercased()) ? (name: $0.name, value: "<redacted>") : $0 }
    }

    /// `Name: value` pairs with credentials redacted.
    public var description: String { "[" + redactedFields.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "]" }
    /// Same as `description`.
    public var debugDescription: String { description }
    /// A mirror with credentials redacted, so `dump` never shows a key.
    public var customMirror: Mirror {
        Mirror(self, children: redactedFields.map { (label: Optional($0.name), value: $0.value as Any) }, displayStyle: .dictionary)
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `POST https://…/v1/images/generations, 1234 bytes` (headers are left out; they may hold a key).
    public var description: String { "\(method) \(url.absoluteString), \(body.count) bytes" }
    /// The description with headers, credentials redacted.
    public var debugDescription: String { description + " " + headers.description }
    /// A mirror with credentials redacted.
    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": url.absoluteString, "headers": headers, "body": "\(body.count) bytes",
                                "timeout": timeout], displayStyle: .struct)
    }
}
