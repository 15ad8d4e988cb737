import CLua
import CLuaShim
import Foundation
import LimnImage
import LimnRouter

extension LuaHost {
    /// `save(image_or_reply, path [, opts])` and `img:save(path [, opts])`.
    ///
    /// The arguments are checked at once. An image is then converted, given its recipe and
    /// written (with its fsync) on another thread while the calling task waits and the others
    /// run: eight `limn.map` tasks saving at once do not queue behind one disk. Where Lua cannot
    /// yield (a metamethod, a sort comparator) the image is written before `save` returns.
    func saveBinding(_ s: LuaStack, name: String) -> LuaReturn {
        let job: SaveJob
        do {
            switch try prepareSave(s, name: name) {
            case .written(let path):
                s.push(path)
                return .values(1)
            case .image(let image):
                job = image
            }
        } catch {
            return raise(error, on: s)
        }
        guard shim_can_wait(s.L) != 0, let task = currentTask, tasks[task]?.cancelled == false, !interrupted else {
            do { s.push(try job.write()) } catch { return raise(error, on: s) }
            recorder?.imageSaved(sha256: job.image.sha256, path: job.url.path)
            return .values(1)
        }
        let op = scheduler.newOperation()
        scheduler.block(task, on: .operation(op))
        let mailbox = self.mailbox
        SaveJob.queue.async(group: pendingWrites) {
            SaveJob.slots.wait()
            defer { SaveJob.slots.signal() }
            let result: Result<String, RouterError>
            do throws(SaveError) { result = .success(try job.write()) } catch { result = .failure(RouterError(error.kind, error.message)) }
            mailbox.post(.completed(op, .saved(result, sha256: job.image.sha256)))
        }
        inflight[op] = (nil, CallContext(binding: name, call: nil, parent: nil, started: .now), task)
        lua_pushlightuserdata(s.L, pendingMarker)
        s.push(op.raw)
        return .yield(2)
    }

    private func raise(_ error: SaveError, on s: LuaStack) -> LuaReturn {
        if error.isUsage { return s.raise(error.message) }
        pushError(RouterError(error.kind, error.message), on: s)
        return .raise
    }

    /// What `save` has left to do once its arguments are checked.
    private enum SavePlan {
        /// A reply's text, already written to this path.
        case written(String)
        /// An image to convert, embed and write.
        case image(SaveJob)
    }

    private func prepareSave(_ s: LuaStack, name: String) throws(SaveError) -> SavePlan {
        func usage(_ m: String) -> SaveError { SaveError(message: "\(name): \(m)", isUsage: true) }
        guard let path = s.string(2), !path.isEmpty else {
            throw usage(#"give a file name — save(img, "cat.png")"# + (s.isNil(2) ? "" : " (got \(s.typeName(2)))"))
        }
        var format: ImageFormat?, quality: Int?, metadata = options.metadata, overwrite = true
        if s.type(3) == LUA_TTABLE {
            let o = OptionReader(s, table: 3, spec: .save)
            do {
                try o.checkUnknownKeys()
                if let f = try o.string("format") {
                    guard let ff = ImageFormat(mime: f), ff != .gif else { throw usage("format must be \"png\", \"jpeg\" or \"webp\", got \"\(f)\"") }
                    format = ff
                }
                quality = try o.integer("quality", range: 1...100)
                if let m = try o.boolean("metadata") { metadata = m && options.metadata }
                if let w = try o.boolean("overwrite") { overwrite = w }
            } catch let e as BindingError {
                throw SaveError(message: e.message.replacingOccurrences(of: "save:", with: "\(name):"), isUsage: true)
            } catch let e as SaveError { throw e } catch { throw usage("\(error)") }
        } else if !s.isNil(3) {
            throw usage("the third argument must be an options table, got \(s.typeName(3))")
        }
        let url = resolveOutput(path)
        if let refusal = options.sandbox?.checkWrite(url, what: name) {
            throw SaveError(message: refusal.message, isUsage: false, kind: .sandbox)
        }
        let ext = url.pathExtension.lowercased()

        // A Reply saves its text to .txt/.md/.json, or its first image otherwise.
        var object = imageObject(s, 1)
        if object == nil, s.type(1) == LUA_TTABLE {
            if ["txt", "md", "text", "markdown"].contains(ext) {
                s.rawGet(1, "text"); let text = s.string(-1) ?? ""; s.pop()
                try SaveJob.write([Data(text.utf8)], to: url, overwrite: overwrite)
                return .written(url.path)
            }
            s.rawGet(1, "image")
            object = imageObject(s, -1)
            s.pop()
            if object == nil { throw SaveError(message: "\(name): the reply has no image to save (save its text with a .txt path)", isUsage: false) }
        }
        guard let object else { throw usage("the first argument must be an Image or a Reply, got \(s.typeName(1))") }

        let target = format ?? ImageFormat(fileExtension: ext)
        guard let target else {
            throw usage("cannot tell the format from '\(url.lastPathComponent)' — end the name in .png, .jpg, .webp (or .gif for GIF images), or pass {format=\"png\"}")
        }
        let recipe = metadata && target != .gif ? RecipeMetadata.json(for: object, script: scriptName) : nil
        return .image(SaveJob(name: name, image: object.image, format: target, quality: quality, recipe: recipe, url: url,
                              overwrite: overwrite))
    }

    /// Relative paths land under the output folder; `~` expands.
    func resolveOutput(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return options.outputDirectory.appendingPathComponent(expanded).standardizedFileURL
    }
}

/// What went wrong in `save`: a usage mistake (raised as a plain message at the caller's line)
/// or a failure to convert or write.
struct SaveError: Error {
    let message: String
    let isUsage: Bool
    var kind: RouterError.Kind = .io
}

/// The part of `save` that needs no Lua: convert the image if the target format differs, embed
/// the recipe, write atomically. Runs on any thread.
struct SaveJob: Sendable {
    /// Where writes run: threads of their own, since a write blocks in `fsync` (and a
    /// conversion computes) for as long as the disk takes, which must not hold up the threads
    /// that receive and decode answers.
    static let queue = DispatchQueue(label: "limn.save", attributes: .concurrent)
    /// As many writes at once as cores (two at least): a conversion holds decoded pixels, and
    /// more conversions than cores would hold more memory without finishing sooner.
    static let slots = DispatchSemaphore(value: max(2, ProcessInfo.processInfo.activeProcessorCount))

    let name: String
    let image: EncodedImage
    let format: ImageFormat
    let quality: Int?
    /// The recipe to embed, or nil for none.
    let recipe: String?
    let url: URL
    let overwrite: Bool

    /// Writes the file and returns its path.
    func write() throws(SaveError) -> String {
        var data = image.bytes
        if format != image.format || quality != nil && format != .png {
            do { data = try image.converted(to: format, quality: quality).bytes } catch {
                throw SaveError(message: "\(name): cannot convert \(image.format.rawValue) to \(format.rawValue): \(error.message)", isUsage: false)
            }
        }
        // With the recipe embedded, the file is written in pieces around the new chunk: the
        // image is not copied to make room for it.
        var parts = [data]
        if let recipe {
            do { parts = try ImageMetadata.embeddingParts(recipe, in: data, format: format) } catch {
                throw SaveError(message: "\(name): cannot embed metadata: \(error.message) (pass metadata=false to skip it)", isUsage: false)
            }
        }
        try Self.write(parts, to: url, overwrite: overwrite)
        return url.path
    }

    static func write(_ parts: [Data], to url: URL, overwrite: Bool) throws(SaveError) {
        do { try AtomicFile.write(parts, to: url, overwrite: overwrite) } catch {
            throw SaveError(message: "save: \(error.message)", isUsage: false)
        }
    }
}
