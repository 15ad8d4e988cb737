import AsyncHTTPClient
import Foundation
import LimnRouter
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns what AsyncHTTPClient and SwiftNIO throw into a `TransportError` whose kind says what a
/// retry policy needs to know. Messages name the request by origin and path only: queries can
/// hold a key (`?key=`) and headers are never looked at.
enum TransportErrorMapping {
    /// The `TransportError` for `error`, thrown while sending `request`.
    static func map(_ error: any Error, for request: HTTPRequest) -> TransportError {
        let target = describe(request.url)
        if let error = error as? TransportError { return error }
        if error is CancellationError {
            return TransportError(.cancelled, "\(request.method) \(target) was cancelled")
        }
        if error is NIOTooManyBytesError {
            return TransportError(.tooLarge, "the response from \(target) is larger than the limit")
        }
        if let error = error as? HTTPClientError {
            return map(error, request: request, target: target)
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout:
                return TransportError(.connect, "connecting to \(target) timed out")
            case .ioOnClosedChannel, .eof, .alreadyClosed, .outputClosed, .inputClosed:
                return TransportError(.reset, "the connection to \(target) closed before the response was complete")
            default:
                return TransportError(.reset, "the exchange with \(target) failed: \(error)")
            }
        }
        if let error = error as? IOError {
            return map(errno: error.errnoCode, target: target, detail: "\(error)")
        }
        if error is SocketAddressError {
            return TransportError(.connect, "cannot resolve the host of \(target)")
        }
        if error is HTTPParserError {
            return TransportError(.reset, "\(target) sent a malformed HTTP response (\(error))")
        }
        // NIOPosix's NIOConnectionError (happy eyeballs) lists every failed attempt and DNS error;
        // it is recognised by name because LimnHTTP does not link NIOPosix directly.
        let typeName = String(describing: type(of: error))
        if typeName.contains("ConnectionError") || typeName.contains("Resolver") || typeName.contains("DNS") {
            let detail = String(describing: error)
            let refused = detail.contains("refused") || detail.contains("\(ECONNREFUSED)")
            return TransportError(.connect, refused ? "connection to \(target) refused" : "cannot connect to \(target): \(oneLine(detail))")
        }
        return TransportError(.reset, "the exchange with \(target) failed: \(oneLine(String(describing: error)))")
    }

    private static func map(_ error: HTTPClientError, request: HTTPRequest, target: String) -> TransportError {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            return TransportError(.timeout, "\(request.method) \(target) passed its deadline of \(request.timeout)")
        case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .socksHandshakeTimeout,
             .httpProxyHandshakeTimeout:
            return TransportError(.connect, "connecting to \(target) timed out (\(error.shortDescription))")
        case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch:
            return TransportError(.reset, "the connection to \(target) closed before the response was complete")
        case .cancelled, .requestStreamCancelled:
            return TransportError(.cancelled, "\(request.method) \(target) was cancelled")
        case .invalidURL, .emptyHost, .emptyScheme:
            return TransportError(.unreachable, "\(target) is not a URL that can be fetched")
        case .alreadyShutdown:
            return TransportError(.unreachable, "the HTTP client was already shut down")
        default:
            if error.shortDescription.lowercased().contains("scheme") {
                return TransportError(.unreachable, "\(target) uses a scheme that cannot be fetched (http and https only)")
            }
            return TransportError(.reset, "the exchange with \(target) failed: \(error.shortDescription)")
        }
    }

    private static func map(errno code: Int32, target: String, detail: String) -> TransportError {
        switch code {
        case ECONNREFUSED:
            return TransportError(.connect, "connection to \(target) refused")
        case ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL, ENETDOWN:
            return TransportError(.connect, "cannot reach \(target) (\(oneLine(detail)))")
        case ETIMEDOUT:
            return TransportError(.connect, "connecting to \(target) timed out")
        case ECONNRESET, EPIPE, ECONNABORTED:
            return TransportError(.reset, "the connection to \(target) was reset")
        default:
            return TransportError(.reset, "the exchange with \(target) failed: \(oneLine(detail))")
        }
    }

    /// `https://host:port/path` with no query, fragment or user info.
    static func describe(_ url: URL) -> String {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false), let host = components.host else {
            return "the request URL"
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return "\(components.scheme ?? "http")://\(host)\(port)\(path)"
    }

    private static func oneLine(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return collapsed.count > 300 ? String(collapsed.prefix(300)) + "…" : collapsed
    }
}
