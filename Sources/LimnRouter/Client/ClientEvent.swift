import Foundation

/// What the client is doing, for `--verbose` and progress output. Never holds a key.
public enum ClientEvent: Sendable, Equatable {
    /// Attempt `attempt` of a call is being sent.
    case sending(attempt: Int, method: String, url: String, route: Route, model: String)
    /// A response arrived.
    case received(attempt: Int, status: Int, bytes: Int, elapsed: Duration)
    /// Attempt `attempt` failed with `reason`; the next one starts after `delay`.
    case retrying(attempt: Int, reason: String, delay: Duration)
    /// An image URL from the answer is being downloaded.
    case downloading(url: String)
    /// A task-text link was fetched and was not an image (an HTML preview page, say).
    case skippedLink(url: String, reason: String)
    /// An input image was uploaded to get a URL for a route that takes only URLs.
    case uploaded(url: String)

    /// One line for `--verbose`.
    public var line: String {
        switch self {
        case .sending(let attempt, let method, let url, let route, let model):
            "attempt \(attempt): \(method) \(url) (route \(route.rawValue), model \(model))"
        case .received(let attempt, let status, let bytes, let elapsed):
            "attempt \(attempt): HTTP \(status), \(bytes) bytes in \(elapsed.secondsText)"
        case .retrying(let attempt, let reason, let delay):
            "attempt \(attempt) failed (\(reason)); retrying in \(delay.secondsText)"
        case .downloading(let url): "downloading \(url)"
        case .skippedLink(let url, let reason): "skipped \(url): \(reason)"
        case .uploaded(let url): "uploaded input image: \(url)"
        }
    }
}

extension Duration {
    /// `1.25 s`: seconds with two decimals.
    var secondsText: String {
        let s = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return String(format: "%.2f s", s)
    }
}
