import Foundation
import LimnImage
import LimnRouter
@testable import LimnLua

/// A performer whose answers come from a closure; records the calls it saw.
struct FakePerformer: CallPerformer {
    let answer: @Sendable (Call) async throws(RouterError) -> CallResult
    let calls = CallLog()

    init(answer: @escaping @Sendable (Call) async throws(RouterError) -> CallResult = FakePerformer.solidImage) {
        self.answer = answer
    }

    func perform(_ call: Call) async throws(RouterError) -> CallResult {
        calls.append(call)
        return try await answer(call)
    }

    func fetchImage(url: String) async throws(RouterError) -> InputImage {
        throw RouterError(.http, "no network in tests: \(url)")
    }

    /// One 8×8 PNG per requested image, coloured by call count.
    static let solidImage: @Sendable (Call) async throws(RouterError) -> CallResult = { (call: Call) async throws(RouterError) -> CallResult in
        let n = call.options.n ?? 1
        var images: [ReceivedImage] = []
        for i in 0..<n {
            let pixels = PixelBuffer(width: 8, height: 8, fill: RGBA(UInt8(40 * i % 256), 100, 200))
            guard let png = try? EncodedImage.encode(pixels, as: .png) else { throw RouterError(.decode, "encode failed") }
            images.append(ReceivedImage(image: png, shape: .imagesB64, revisedPrompt: "revised \(call.prompt ?? "")"))
        }
        let text = call.operation == .chat ? "an answer" : ""
        return CallResult(reply: NormalizedReply(shape: call.operation == .chat ? .text : .imagesB64, text: text),
                          images: call.operation == .chat ? [] : images, route: .images, model: call.model, status: 200)
    }
}

/// Thread-safe list of calls.
final class CallLog: @unchecked Sendable {
    // @unchecked Sendable: `items` is only touched under `lock`.
    private let lock = NSLock()
    private var items: [Call] = []
    func append(_ c: Call) { lock.lock(); items.append(c); lock.unlock() }
    var all: [Call] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Collected run events.
final class EventLog: @unchecked Sendable {
    // @unchecked Sendable: `items` is only touched under `lock`.
    private let lock = NSLock()
    private var items: [RunEvent] = []
    func append(_ e: RunEvent) { lock.lock(); items.append(e); lock.unlock() }
    var logs: [String] { lock.lock(); defer { lock.unlock() }; return items.compactMap { if case .log(let s) = $0 { s } else { nil } } }
    var finished: (created: Int, finalized: Int)? {
        lock.lock(); defer { lock.unlock() }
        for e in items { if case .finished(let c, let f) = e { return (c, f) } }
        return nil
    }
}

/// Runs Lua source as a script file named `name` and returns the outcome and its logs.
func runLua(_ source: String, name: String = "test.lua", performer: any CallPerformer = FakePerformer(),
            arguments: [String] = [], events: EventLog = EventLog(), configure: (inout RunOptions) -> Void = { _ in }) async -> (RunOutcome, [String], URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("limn-lua-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let script = dir.appendingPathComponent(name)
    try? Data(source.utf8).write(to: script)
    var options = RunOptions(scriptPath: script.path, arguments: arguments, outputDirectory: dir.appendingPathComponent("out"))
    configure(&options)
    let runner = ScriptRunner(options: options, performer: performer, report: { events.append($0) })
    let outcome = await runner.run()
    return (outcome, events.logs, dir)
}
