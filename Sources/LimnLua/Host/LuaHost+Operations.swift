import CLua
import CLuaShim
import Foundation
import LimnImage
import LimnRouter

extension LuaHost {
    /// Starts a call on a request task and yields the calling coroutine until it finishes.
    func startOperation(_ s: LuaStack, binding: String, call: Call?, parent: ImageObject?, fetchURL: String? = nil) -> LuaReturn {
        guard shim_can_wait(s.L) != 0 else {
            return s.raise("\(binding): cannot wait for the network here — Lua cannot yield inside this call " +
                "(a table.sort comparator, a __gc or __close metamethod, a C function's callback, or a module's top level " +
                "loaded by require); move the call outside it")
        }
        guard let task = currentTask, let record = tasks[task] else { return s.raise("\(binding): called outside a running task") }
        if record.cancelled || interrupted {
            pushError(RouterError(.cancelled, "the task was cancelled"), on: s)
            return .raise
        }
        collectBeforeCall()
        let op = scheduler.newOperation()
        let context = CallContext(binding: binding, call: call, parent: parent, started: .now)
        scheduler.block(task, on: .operation(op))
        var timed = call
        if timed != nil && timed?.timeout == nil { timed?.timeout = options.timeout }
        let job = OperationJob(op: op, call: timed, fetchURL: fetchURL, performer: performer, mailbox: mailbox, gate: gate,
                               report: report, recorder: recorder, parentSHA256: parent?.image.sha256,
                               location: call == nil ? nil : Self.location(of: s))
        let request = Task.detached { await job.run() }
        inflight[op] = (request, context, task)
        lua_pushlightuserdata(s.L, pendingMarker)
        s.push(op.raw)
        return .yield(2)
    }

    static let cancelled = RouterError(.cancelled, "the call was cancelled")

    /// Steps the collector again for the images handed to the script since the last call began:
    /// by now a loop has usually dropped them, and finalizing them before this call's image
    /// arrives keeps one image in memory instead of two (C=1 benchmark: 40 MB against 45 MB
    /// peak RSS, docs/performance.md).
    private func collectBeforeCall() {
        guard imageKBSinceCall > 0 else { return }
        let kb = Int32(min(imageKBSinceCall, Int(Int32.max / 2)))
        imageKBSinceCall = 0
        _ = shim_gc_step(L, kb)
    }

    /// Where the recipe made the call (`recipe.lua:12`), the position its errors carry.
    static func location(of s: LuaStack) -> String? {
        var buffer = [CChar](repeating: 0, count: 512)
        guard shim_where(s.L, 1, &buffer, buffer.count) != 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// One operation's work on the Swift side: wait for a place under the run-wide cap,
/// perform the call, post the outcome to the Lua thread's mailbox.
struct OperationJob: Sendable {
    let op: OperationID
    let call: Call?
    let fetchURL: String?
    let performer: any CallPerformer
    let mailbox: Mailbox<HostMessage>
    let gate: RequestGate
    let report: @Sendable (RunEvent) -> Void
    let recorder: (any RunRecorder)?
    let parentSHA256: String?
    let location: String?

    func run() async {
        do {
            try await gate.acquire()
        } catch {
            mailbox.post(.completed(op, call != nil ? .call(.failure(LuaHost.cancelled)) : .image(.failure(LuaHost.cancelled))))
            return
        }
        let output: OperationOutput
        if let call {
            output = .call(await perform(call))
        } else {
            output = .image(await fetch())
        }
        await gate.release()
        mailbox.post(.completed(op, output))
    }

    private func perform(_ call: Call) async -> Result<CallResult, RouterError> {
        report(.callStarted(id: op.raw, operation: call.operation.rawValue, model: call.model))
        let started = ContinuousClock.now
        let startedDate = Date()
        let result: Result<CallResult, RouterError>
        do {
            result = .success(try await performer.perform(call))
        } catch {
            result = .failure(error)
        }
        if let recorder {
            do { try recorder.callFinished(call, result: result, parentSHA256: parentSHA256, started: startedDate, location: location) } catch {
                report(.log("limn: warning: could not record the call in the history: \(error)"))
            }
        }
        let images = (try? result.get())?.images.count ?? 0
        report(.callFinished(id: op.raw, operation: call.operation.rawValue, model: call.model,
                             elapsed: started.duration(to: .now), images: images, error: result.failure))
        report(.callAccounted(CallAccount(call: call, result: result)))
        return result
    }

    private func fetch() async -> Result<InputImage, RouterError> {
        do {
            return .success(try await performer.fetchImage(url: fetchURL ?? ""))
        } catch {
            return .failure(error)
        }
    }
}

extension Result {
    var failure: Failure? { if case .failure(let e) = self { e } else { nil } }
}

extension LuaHost {

    /// Pushes what a finished operation hands back to its task: `true, values…` or `false, err`.
    /// Returns the number of values pushed.
    func pushOutput(_ output: OperationOutput, context: CallContext, on s: LuaStack) -> Int32 {
        switch output {
        case .call(.failure(let e)), .image(.failure(let e)), .saved(.failure(let e), _):
            s.push(false)
            pushError(e, on: s)
            return 2
        case .saved(.success(let path), let sha256):
            recorder?.imageSaved(sha256: sha256, path: path)
            s.push(true)
            s.push(path)
            return 2
        case .image(.success(let input)):
            var p = ImageProvenance()
            p.url = input.sourceURL
            s.push(true)
            push(ImageObject(image: input.image, provenance: p), on: s)
            return 2
        case .call(.success(let result)):
            s.push(true)
            if context.call?.operation == .chat {
                pushReply(result, context: context, on: s)
                return 2
            }
            guard s.ensure(Int32(result.images.count) + 2) else {
                s.pop()
                s.push(false)
                s.push("\(context.binding): too many images to return")
                return 2
            }
            for received in result.images {
                push(imageObject(for: received, result: result, context: context), on: s)
            }
            return 1 + Int32(result.images.count)
        }
    }

    /// Pushes a structured error table (`kind`, `message`, … with a one-line `tostring`).
    func pushError(_ e: RouterError, on s: LuaStack) {
        s.newTable(record: 10)
        let t = s.top
        s.setField(t, "kind", e.kind.rawValue)
        s.setField(t, "message", e.message)
        s.setField(t, "status", e.status)
        s.setField(t, "model", e.model)
        s.setField(t, "route", e.route?.rawValue)
        s.setField(t, "request_id", e.requestID)
        s.setField(t, "retryable", e.retryable)
        if let after = e.retryAfter { s.push(after); s.rawSet(t, "retry_after") }
        if let reply = e.reply {
            pushReply(reply, context: CallContext(binding: "", call: nil, parent: nil, started: .now), on: s)
            s.rawSet(t, "reply")
        }
        luaL_setmetatable(s.L, LuaHost.errorType)
    }

    /// `image(path | url | data_uri)`.
    func imageBinding(_ s: LuaStack) -> LuaReturn {
        guard let source = s.string(1), !source.isEmpty else {
            return s.raise(#"image: give a path, an http(s) URL or a data URI — image("photo.png")"#)
        }
        let lower = source.prefix(8).lowercased()
        if options.sandbox != nil, !lower.hasPrefix("http://"), !lower.hasPrefix("https://"), !lower.hasPrefix("data:"),
           let colon = source.firstIndex(of: ":"), source[..<colon].count > 1,
           source[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
            pushError(RouterError(.sandbox, "image: '\(source.prefix(60))' is a \(source[..<colon].lowercased()): URL; in the sandbox image() takes a path, an http(s) URL or a data: URI"), on: s)
            return .raise
        }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            return startOperation(s, binding: "image", call: nil, parent: nil, fetchURL: source)
        }
        let result: Result<ImageObject, RouterError>
        if lower.hasPrefix("data:") {
            result = DataURI.decode(source).flatMap { data in
                Result { () throws(ImageError) in try EncodedImage(validating: data, limits: options.imageLimits) }
                    .map { ImageObject(image: $0, provenance: ImageProvenance()) }
                    .mapError { RouterError($0.kind == .tooLarge ? .limit : .decode, "image: the data URI does not hold a usable image: \($0.message)") }
            }
        } else {
            result = loadImageFile(source)
        }
        switch result {
        case .success(let obj):
            push(obj, on: s)
            settleGCDebt()
            return .values(1)
        case .failure(let e):
            pushError(e, on: s)
            return .raise
        }
    }

    /// Loads and validates an image file; relative paths are tried in the working directory,
    /// then beside the script.
    func loadImageFile(_ path: String) -> Result<ImageObject, RouterError> {
        let expanded = (path as NSString).expandingTildeInPath
        var candidates = [URL(fileURLWithPath: expanded)]
        if let sandbox = options.sandbox {
            // In the sandbox relative paths mean the recipe's folder (then --allow-read folders), never the working directory.
            if !expanded.hasPrefix("/") { candidates = sandbox.readSearchFolders.map { $0.appendingPathComponent(expanded) } }
            let chosen = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) ?? candidates[0]
            if let refusal = sandbox.checkRead(chosen, what: "image") { return .failure(refusal) }
        } else if !expanded.hasPrefix("/") {
            candidates.append(URL(fileURLWithPath: options.scriptPath).deletingLastPathComponent().appendingPathComponent(expanded))
        }
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            let places = candidates.map { $0.deletingLastPathComponent().standardizedFileURL.path }
            return .failure(RouterError(.io, "no such file '\(path)' (looked in \(places.joined(separator: " and ")))"))
        }
        let data: Data
        switch ImageFile.read(url, limit: options.imageLimits.maxBytes) {
        case .success(let read): data = read
        case .failure(.tooLarge(let size)):
            return .failure(RouterError(.limit, "'\(path)' is \(size) bytes, over the limit limits.image_size = \(Quantity.describe(bytes: options.imageLimits.maxBytes))"))
        case .failure(let failure):
            return .failure(RouterError(.io, "'\(path)' \(failure.phrase)"))
        }
        do {
            let image = try EncodedImage(validating: data, limits: options.imageLimits)
            var p = ImageProvenance()
            p.sourcePath = url.standardizedFileURL.path
            return .success(ImageObject(image: image, provenance: p))
        } catch {
            return .failure(RouterError(error.kind == .tooLarge ? .limit : .decode, "'\(path)' is not a usable image: \(error.message)"))
        }
    }

}

/// `data:image/png;base64,…` decoding.
enum DataURI {
    static func decode(_ uri: String) -> Result<Data, RouterError> {
        guard let comma = uri.firstIndex(of: ",") else { return .failure(RouterError(.decode, "image: a data URI needs a comma before its data")) }
        let header = uri[..<comma].lowercased()
        guard header.hasSuffix(";base64") else { return .failure(RouterError(.decode, "image: only base64 data URIs are supported")) }
        guard let data = Data(base64Encoded: String(uri[uri.index(after: comma)...]), options: .ignoreUnknownCharacters) else {
            return .failure(RouterError(.decode, "image: the data URI's base64 is invalid"))
        }
        return .success(data)
    }
}
