import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnConfig

@Suite("limn probe")
struct RouterProbeTests {
    static let key = "sk-" + "probe-0123456789abcdefQRST"

    /// A fixed latency per model, so tables and JSON are exact.
    static let stopwatch: RouterProbe.Stopwatch = { { .milliseconds(1234) } }

    static func png(_ width: Int, _ height: Int) throws -> EncodedImage {
        try EncodedImage.encode(PixelBuffer(width: width, height: height, fill: RGBA(255, 0, 0)), as: .png)
    }

    /// A router that answers per model: images for the image models, plain text for gpt-4o,
    /// a task-text reply without final links for gpt-4o-image, an auth error for nano-banana-pro.
    static func fakeRouter() throws -> RouterProbe.Perform {
        let square = try png(64, 64)
        let wide = try png(96, 48)
        return { call throws(RouterError) in
            let route = call.via ?? .chat
            switch call.model {
            case "gpt-image-1":
                return CallResult(reply: NormalizedReply(shape: .imagesB64), images: [ReceivedImage(image: square, shape: .imagesB64)],
                                  route: route, model: call.model, status: 200, requestID: "req_1")
            case "nano-banana":
                return CallResult(reply: NormalizedReply(shape: .imagesURL),
                                  images: [ReceivedImage(image: wide, shape: .imagesURL), ReceivedImage(image: square, shape: .imagesURL)],
                                  route: route, model: call.model, status: 200)
            case "gpt-4o":
                let reply = CallResult(reply: NormalizedReply(shape: .text, text: "I can't create images,\nbut here is a description."),
                                       images: [], route: route, model: call.model, status: 200)
                throw RouterError(.noImage, "gpt-4o answered in text with no image", status: 200, model: call.model, route: route, reply: reply)
            case "gpt-4o-image":
                return CallResult(reply: NormalizedReply(shape: .taskText, text: "> ID: `task_01abc`\n> Queuing..."),
                                  images: [], route: route, model: call.model, status: 200)
            case "nano-banana-pro":
                throw RouterError(.auth, "Invalid API key \(Self.key) (request id: abc)", status: 401, model: call.model, route: route)
            default:
                throw RouterError(.timeout, "no answer within 600s", model: call.model, route: route, retryable: true)
            }
        }
    }

    static let models = ["gpt-image-1", "gpt-4o", "gpt-4o-image", "nano-banana", "nano-banana-pro", "slow-model"]

    @Test("Rows carry status, result, shape, image details and the router's message, in target order")
    func rows() async throws {
        let probe = RouterProbe(models: Self.models, concurrency: 3, secrets: [Secret(Self.key)], stopwatch: Self.stopwatch)
        let report = await probe.run(try Self.fakeRouter())
        #expect(report.results.map(\.model) == Self.models)
        #expect(report.results.map(\.route) == [.images, .chat, .chat, .images, .images, .chat])
        #expect(report.results.map(\.status) == [200, 200, 200, 200, 401, nil])
        #expect(report.results.map(\.outcome) == ["ok", "no_image", "no_image", "ok", "auth", "timeout"])
        #expect(report.results.map(\.shape) == [.imagesB64, .text, .taskText, .imagesURL, nil, nil])
        #expect(report.results.map(\.gotImage) == [true, false, false, true, false, false])
        #expect(report.results[0].image == ProbeResult.ImageInfo(format: "png", width: 64, height: 64, bytes: try Self.png(64, 64).bytes.count))
        #expect(report.results[3].imageCount == 2)
        #expect(report.results[3].image?.width == 96)
        #expect(report.results[1].message == "gpt-4o answered in text with no image")
        #expect(report.results[2].message == "> ID: `task_01abc` > Queuing...")
        #expect(report.results[4].message == "Invalid API key sk-…QRST (request id: abc)")
        #expect((report.withImages, report.withoutImages, report.failed) == (2, 2, 2))
    }

    @Test("The table for a terminal (golden)")
    func goldenTable() async throws {
        let probe = RouterProbe(models: Self.models, secrets: [Secret(Self.key)], stopwatch: Self.stopwatch)
        let report = await probe.run(try Self.fakeRouter())
        #expect(report.table(messageWidth: 30) == """
        MODEL            ROUTE   STATUS  RESULT    SHAPE       IMAGE        LATENCY  MESSAGE
        gpt-image-1      images  200     ok        images-b64  1 png 64x64  1.2s
        gpt-4o           chat    200     no_image  text        no           1.2s     gpt-4o answered in text with …
        gpt-4o-image     chat    200     no_image  task-text   no           1.2s     > ID: `task_01abc` > Queuing.…
        nano-banana      images  200     ok        images-url  2 png 96x48  1.2s
        nano-banana-pro  images  401     auth      -           no           1.2s     Invalid API key sk-…QRST (req…
        slow-model       chat    -       timeout   -           no           1.2s     no answer within 600s

        6 probes: 2 returned images, 2 answered without one, 2 failed
        """)
    }

    @Test("The JSON form (golden) never carries the key")
    func goldenJSON() async throws {
        let probe = RouterProbe(models: ["gpt-image-1", "nano-banana-pro"], secrets: [Secret(Self.key)], stopwatch: Self.stopwatch)
        let report = await probe.run(try Self.fakeRouter())
        let bytes = try Self.png(64, 64).bytes.count
        #expect(report.json() == #"{"results":["#
            + #"{"model":"gpt-image-1","route":"images","status":200,"result":"ok","shape":"images-b64","image":true,"images":1,"format":"png","width":64,"height":64,"bytes":\#(bytes),"latency_ms":1234,"attempts":1,"request_id":"req_1","message":null},"#
            + #"{"model":"nano-banana-pro","route":"images","status":401,"result":"auth","shape":null,"image":false,"images":0,"format":null,"width":null,"height":null,"bytes":null,"latency_ms":1234,"attempts":null,"request_id":null,"message":"Invalid API key sk-…QRST (request id: abc)"}"#
            + #"],"summary":{"probes":2,"with_images":1,"without_images":0,"failed":1}}"#)
        #expect(!report.json().contains(Self.key))
    }

    @Test("Each probe is a minimal generate of the red square: one image, smallest sizes, no retries, via its route")
    func minimalCalls() {
        let probe = RouterProbe(models: ["gpt-image-2", "dall-e-3", "dall-e-2", "nano-banana-2", "gpt-4o"], allRoutes: true)
        let targets = probe.targets()
        #expect(targets.count == 15)
        #expect(targets.prefix(3).map(\.route) == [.images, .chat, .gemini])
        #expect(targets[12...].map(\.route) == [.chat, .images, .gemini])
        let gpt = probe.call(for: .init(model: "gpt-image-2", route: .images))
        #expect(gpt.operation == .generate)
        #expect(gpt.prompt == "a red square on a white background")
        #expect(gpt.via == .images)
        #expect(gpt.retries == 0)
        #expect((gpt.options.n, gpt.options.size, gpt.options.quality) == (1, "1024x1024", "low"))
        #expect(probe.call(for: .init(model: "dall-e-2", route: .images)).options.size == "256x256")
        #expect(probe.call(for: .init(model: "dall-e-3", route: .images)).options.quality == "standard")
        #expect(probe.call(for: .init(model: "nano-banana-2", route: .images)).options.size == nil)
        #expect(probe.call(for: .init(model: "gpt-image-2", route: .chat)).options == CallOptions())
    }

    @Test("Routes come from the table the configuration gives")
    func routesFromConfig() throws {
        let config = try configuration(toml: "[routes]\n\"nano-banana*\" = \"gemini\"\n")
        let probe = RouterProbe(models: ["nano-banana-2", "gpt-image-1"], routes: config.routeTable)
        #expect(probe.targets().map(\.route) == [.gemini, .images])
    }

    @Test("No more than `concurrency` probes are in flight at once, and all of them run")
    func boundedConcurrency() async {
        let gauge = Gauge()
        let probe = RouterProbe(models: (1...10).map { "m\($0)" }, concurrency: 3)
        let report = await probe.run { call throws(RouterError) in
            await gauge.enter()
            try? await Task.sleep(for: .milliseconds(200))  // long enough to overlap on a busy machine
            await gauge.leave()
            throw RouterError(.http, "HTTP 500", status: 500, model: call.model)
        }
        #expect(report.results.count == 10)
        #expect(report.failed == 10)
        #expect(await gauge.peak == 3)
    }

    @Test("--models lists split on commas and spaces, keeping order, dropping duplicates")
    func parseModels() {
        #expect(RouterProbe.parseModels("gpt-image-1, gpt-4o  nano-banana,,gpt-4o") == ["gpt-image-1", "gpt-4o", "nano-banana"])
    }

    @Test("Latency under a second prints in milliseconds")
    func latencyText() {
        #expect(ProbeReport.latencyText(.milliseconds(850)) == "850ms")
        #expect(ProbeReport.latencyText(.milliseconds(12_345)) == "12.3s")
    }
}

/// Counts calls in flight and remembers the most at once.
actor Gauge {
    private var current = 0
    private(set) var peak = 0

    func enter() {
        current += 1
        peak = max(peak, current)
    }

    func leave() { current -= 1 }
}
