/// A failed call, as the script sees it: Lua receives it as an error table with these fields.
public struct RouterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error kinds of DESIGN §2.
    public enum Kind: String, Sendable, CaseIterable {
        case http, api, auth
        case rateLimit = "rate_limit"
        case timeout, cancelled
        case noImage = "no_image"
        case shape, decode, config, io, sandbox
        /// A limit was reached: memory, CPU time, response or image size, nesting depth.
        case limit
    }
    /// The kind.
    public var kind: Kind
    /// What happened and, where it helps, what to do. Never contains a key.
    public var message: String
    /// HTTP status, when a response arrived.
    public var status: Int?
    /// The model asked for.
    public var model: String?
    /// The route used.
    public var route: Route?
    /// The router's request id, when it gave one.
    public var requestID: String?
    /// Whether retrying may help.
    public var retryable: Bool
    /// The parsed reply, when there was one (e.g. `no_image` carries the text answer).
    public var reply: CallResult?
    /// Seconds the router asked to wait (`Retry-After`), for rate limits.
    public var retryAfter: Double?

    /// An error value.
    public init(_ kind: Kind, _ message: String, status: Int? = nil, model: String? = nil, route: Route? = nil,
                requestID: String? = nil, retryable: Bool = false, reply: CallResult? = nil, retryAfter: Double? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
        self.model = model
        self.route = route
        self.requestID = requestID
        self.retryable = retryable
        self.reply = reply
        self.retryAfter = retryAfter
    }

    /// One line: `kind: message (HTTP 429, model gpt-image-1, request id req_…)`.
    public var description: String {
        var details: [String] = []
        if let status { details.append("HTTP \(status)") }
        if let model { details.append("model \(model)") }
        if let route { details.append("route \(route.rawValue)") }
        if let requestID { details.append("request id \(requestID)") }
        return "\(kind.rawValue): \(message)" + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }
}
