import Foundation
import LimnRouter

/// `limn probe`: sends a minimal generate ("a red square on a white background") for each model
/// on its route (or on all three), a few at a time, and reports per model and route the status,
/// the shape, whether an image came back, the latency and the router's message — the check that
/// found gpt-4o answering in plain text, as a command. Failures are rows, never thrown.
public struct RouterProbe: Sendable {
    /// Performs one call: `RouterClient.perform`, or a fake in tests.
    public typealias Perform = @Sendable (Call) async throws(RouterError) -> CallResult
    /// Starts timing; the returned closure gives the time elapsed since. Injected so tests are exact.
    public typealias Stopwatch = @Sendable () -> @Sendable () -> Duration

    /// One model on one route.
    public struct Target: Sendable, Equatable {
        /// The model.
        public var model: String
        /// The route.
        public var route: Route

        /// A target.
        public init(model: String, route: Route) {
            self.model = model
            self.route = route
        }
    }

    /// The built-in list: each family Limn knows a shape for.
    public static let defaultModels = [
        "gpt-image-1", "gpt-image-2", "dall-e-3",
        "nano-banana", "nano-banana-2", "nano-banana-pro", "gemini-2.5-flash-image",
        "gpt-4o", "gpt-4o-image",
        "doubao-seedream-4-5", "qwen-image-plus", "grok-4-image",
    ]

    /// The prompt every probe sends.
    public static let prompt = "a red square on a white background"

    /// Models to probe, in report order.
    public var models: [String]
    /// The table that gives each model its route.
    public var routes: RouteTable
    /// Try every model on all three routes, its own first.
    public var allRoutes: Bool
    /// Probes in flight at once.
    public var concurrency: Int
    /// Retries per probe; 0 by default, so the report shows what the router answered first.
    public var retries: Int?
    /// Deadline per probe; nil leaves the client's.
    public var timeout: Duration?
    /// Keys to mask should a router echo one in a message.
    public var secrets: [Secret]
    /// The clock.
    public var stopwatch: Stopwatch

    /// A probe. `routes` is the configuration's `routeTable`.
    public init(models: [String] = RouterProbe.defaultModels, routes: RouteTable = .builtIn, allRoutes: Bool = false,
                concurrency: Int = 4, retries: Int? = 0, timeout: Duration? = nil, secrets: [Secret] = [],
                stopwatch: @escaping Stopwatch = RouterProbe.continuousStopwatch) {
        self.models = models
        self.routes = routes
        self.allRoutes = allRoutes
        self.concurrency = max(1, concurrency)
        self.retries = retries
        self.timeout = timeout
        self.secrets = secrets
        self.stopwatch = stopwatch
    }

    /// Real time.
    public static let continuousStopwatch: Stopwatch = {
        let start = ContinuousClock.now
        return { ContinuousClock.now - start }
    }

    /// Splits a `--models` value: commas and/or spaces, blanks dropped, duplicates removed.
    public static func parseModels(_ list: String) -> [String] {
        var seen = Set<String>()
        return list.split { $0 == "," || $0.isWhitespace }.map(String.init).filter { seen.insert($0).inserted }
    }

    /// Each model on its table route, or on every route (its own first) with `allRoutes`.
    public func targets() -> [Target] {
        models.flatMap { model -> [Target] in
            let own = routes.route(for: model)
            let chosen = allRoutes ? [own] + Route.allCases.filter { $0 != own } : [own]
            return chosen.map { Target(model: model, route: $0) }
        }
    }

    /// The minimal call for a target: one image, the smallest size every channel of the family
    /// accepts (1024x1024 with low quality for GPT image models, 256x256 for dall-e-2), and no
    /// size at all where the family has its own sizing (Nano Banana, Seedream, Grok, Gemini, chat).
    public func call(for target: Target) -> Call {
        var options = CallOptions()
        if target.route == .images {
            options.n = 1
            let model = target.model.lowercased()
            if model.hasPrefix("gpt-image") || model.hasPrefix("chatgpt-image") {
                options.size = "1024x1024"
                options.quality = "low"
            } else if model.hasPrefix("dall-e-2") {
                options.size = "256x256"
            } else if model.hasPrefix("dall-e") {
                options.size = "1024x1024"
                options.quality = "standard"
            }
        }
        return Call(operation: .generate, model: target.model, prompt: Self.prompt, options: options,
                    via: target.route, timeout: timeout, retries: retries)
    }

    /// Probes every target through `perform`, at most `concurrency` at once; `onResult` sees
    /// each row as it finishes (for progress). The report keeps target order.
    public func run(_ perform: @escaping Perform, onResult: (@Sendable (ProbeResult) -> Void)? = nil) async -> ProbeReport {
        let targets = targets()
        var results = [ProbeResult?](repeating: nil, count: targets.count)
        await withTaskGroup(of: (Int, ProbeResult).self) { group in
            var next = 0
            func start() {
                let index = next, target = targets[index]
                next += 1
                group.addTask { (index, await probe(target, perform)) }
            }
            while next < min(concurrency, targets.count) { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                onResult?(result)
                if next < targets.count { start() }
            }
        }
        return ProbeReport(results: results.compactMap { $0 })
    }

    /// One target; every failure becomes a row.
    public func probe(_ target: Target, _ perform: Perform) async -> ProbeResult {
        let elapsed = stopwatch()
        var row: ProbeResult
        do {
            let result = try await perform(call(for: target))
            row = ProbeResult(model: target.model, route: target.route, result: result, latency: elapsed())
        } catch {
            row = ProbeResult(model: target.model, route: target.route, error: error, latency: elapsed())
        }
        row.message = row.message.map(redact)
        return row
    }

    private func redact(_ text: String) -> String {
        secrets.filter { $0.revealedValue.count >= 8 }
            .reduce(text) { $0.replacingOccurrences(of: $1.revealedValue, with: $1.masked) }
    }
}
