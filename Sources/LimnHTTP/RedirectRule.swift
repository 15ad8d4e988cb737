import Foundation
import LimnRouter

/// How `LiveTransport` follows a redirect: the next request for a 3xx answer, with credentials
/// removed whenever the target is another origin, so a router's key never reaches another host.
/// Pure, so the rule is tested without a server.
public enum RedirectRule {
    /// Statuses that redirect.
    public static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// The request to send after `response` answered `request`, or nil when the response is not a
    /// redirect (or names no usable target).
    ///
    /// 303, and 301/302 answering anything but GET/HEAD, become a GET without a body (what browsers
    /// and curl do); 307/308 keep the method and body. A target on another scheme, host or port loses
    /// every credential header (`Authorization`, `x-goog-api-key`, cookies, …) and a `key=` query item.
    public static func nextRequest(after request: HTTPRequest, response: HTTPResponse) -> HTTPRequest? {
        guard redirectStatuses.contains(response.status), let location = response.headers["Location"],
              let target = resolve(location, against: request.url) else { return nil }
        var next = request
        next.url = target
        if response.status == 303 || ([301, 302].contains(response.status) && !["GET", "HEAD"].contains(request.method)) {
            next.method = "GET"
            next.body = Data()
            next.headers["Content-Type"] = nil
            next.headers["Content-Length"] = nil
        }
        if !sameOrigin(request.url, target) {
            for name in HTTPHeaders.sensitiveNames { next.headers[name] = nil }
            next.url = removingKeyQuery(from: target)
        }
        return next
    }

    /// `location` resolved against `base`; nil unless the result is http or https with a host.
    static func resolve(_ location: String, against base: URL) -> URL? {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    /// Whether two URLs share scheme, host and port (default ports filled in).
    public static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        origin(a) == origin(b)
    }

    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// The URL without `key=` query items (the Gemini style of passing a key).
    static func removingKeyQuery(from url: URL) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let items = components.queryItems, items.contains(where: { $0.name.lowercased() == "key" }) else { return url }
        let kept = items.filter { $0.name.lowercased() != "key" }
        components.queryItems = kept.isEmpty ? nil : kept
        return components.url ?? url
    }
}
