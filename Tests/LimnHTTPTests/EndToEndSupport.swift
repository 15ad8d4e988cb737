import Foundation
import LimnHTTP
import LimnImage
import LimnRouter
import LimnTesting
import Testing

/// The size every image is served at in the end-to-end tests: unlike the thought image (32×32),
/// the stream previews (16×16) and the task progress image (24×24), so a wrong pick shows.
let servedSize = FakeImageSize(40, 24)

/// Delays the client asked to sleep, recorded instead of slept.
final class SleepLog: Sendable {
    private let delays = LockedDelays()
    var all: [Duration] { delays.get() }
    var sleep: @Sendable (Duration) async throws -> Void {
        { [delays] duration in delays.append(duration) }
    }
}

/// A tiny locked array (the tests' own; LimnTesting's lock is internal).
final class LockedDelays: @unchecked Sendable {  // @unchecked: `values` is only touched under `lock`.
    private let lock = NSLock()
    private var values: [Duration] = []
    func append(_ value: Duration) { lock.lock(); values.append(value); lock.unlock() }
    func get() -> [Duration] { lock.lock(); defer { lock.unlock() }; return values }
}

/// A RouterClient on LiveTransport against a fake router (and optionally a CDN router serving its
/// image URLs), with retries that do not wait.
func withClient<T>(requiredKey: Bool = true, cdn: Bool = false,
                   _ body: (RouterClient, FakeRouter, FakeRouter?, SleepLog) async throws -> T) async throws -> T {
    let cdnRouter = cdn ? FakeRouter(configuration: FakeRouterConfiguration(advertisedHost: "localhost", imageSize: servedSize)) : nil
    let cdnBase = try await cdnRouter?.start()
    let config = FakeRouterConfiguration(imageSize: servedSize, filesBaseURL: cdnBase?.deletingLastPathComponent(),
                                         requiredKey: requiredKey ? testKey : nil)
    do {
        let result = try await withFakeRouter(config) { router, base in
            try await withTransport { transport in
                let log = SleepLog()
                let provider = Provider(name: "fake", baseURL: base, apiKey: Secret(testKey), uploadPath: "files/uploads")
                let client = RouterClient(provider: provider, transport: transport, sleep: log.sleep)
                return try await body(client, router, cdnRouter, log)
            }
        }
        await cdnRouter?.stop()
        return result
    } catch {
        await cdnRouter?.stop()
        throw error
    }
}

/// A generate call.
func generate(_ model: String, n: Int? = nil, format: String? = nil, via: Route? = nil, retries: Int? = nil,
              timeout: Duration? = nil) -> Call {
    var options = CallOptions()
    options.n = n
    options.format = format
    options.size = "1024x1024"
    return Call(operation: .generate, model: model, prompt: "a red square on a white background", options: options, via: via,
                timeout: timeout, retries: retries)
}

/// The error `body` threw as a RouterError (nil when it returned).
func routerFailure(_ body: () async throws(RouterError) -> CallResult) async -> RouterError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// A small PNG input image.
func inputImage(side: Int = 12) throws -> InputImage {
    InputImage(image: try EncodedImage.encode(PixelBuffer(width: side, height: side, fill: RGBA(200, 30, 30)), as: .png))
}
