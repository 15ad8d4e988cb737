import Foundation
import LimnRouter

/// Everything the fake router's connections share: configuration, scenario, the request log,
/// uploads and the image cache. Each mutable part sits behind its own lock.
final class FakeRouterState: Sendable {
    let configuration: FakeRouterConfiguration
    let images = FakeImageFactory()
    let scenario = LockedValue(FakeScenario())
    let log = LockedValue([RecordedRequest]())
    let uploads = LockedValue([String: Data]())
    private let counter = LockedValue(0)
    private let root = LockedValue<URL?>(nil)

    init(configuration: FakeRouterConfiguration) {
        self.configuration = configuration
        scenario.withLock { $0.latency = configuration.latency }
    }

    /// `http://host:port`, once the server listens.
    var rootURL: URL? {
        get { root.withLock { $0 } }
        set { root.withLock { $0 = newValue } }
    }

    /// `http://host:port` as text (empty before start).
    var rootText: String { rootURL?.absoluteString ?? "" }

    /// Where `/files/` URLs point.
    var filesRoot: String {
        var text = configuration.filesBaseURL?.absoluteString ?? rootText
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// A number unique within this router, for ids.
    func nextNumber() -> Int {
        counter.withLock { value in
            value += 1
            return value
        }
    }

    func record(_ request: RecordedRequest) {
        guard configuration.recordRequests else { return }
        log.withLock { $0.append(request) }
    }
}
