import CLua
import CLuaShim
import Foundation
import LimnImage
import LimnRouter

extension LuaHost {
    /// `save(image_or_reply, path [, opts])` and `img:save(path [, opts])`.
    func saveBinding(_ s: LuaStack, name: String) -> LuaReturn {
        do {
            let path = try save(s, name: name)
            s.push(path)
            return .values(1)
        } catch {
            if error.isUsage { return s.raise(error.message) }
            pushError(RouterError(error.kind, error.message), on: s)
            return .raise
        }
    }

    private struct SaveError: Error {
        let message: String
        let isUsage: Bool
        var kind: RouterError.Kind = .io
    }

    private func save(_ s: LuaStack, name: String) throws(SaveError) -> String {
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
                try write([Data(text.utf8)], to: url, overwrite: overwrite)
                return url.path
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
        var data = object.image.bytes
        if target != object.image.format || quality != nil && target != .png {
            do { data = try object.image.converted(to: target, quality: quality).bytes } catch {
                throw SaveError(message: "\(name): cannot convert \(object.image.format.rawValue) to \(target.rawValue): \(error.message)", isUsage: false)
            }
        }
        // With the recipe embedded, the file is written in pieces around the new chunk: the
        // image is not copied to make room for it.
        var parts = [data]
        if metadata && target != .gif {
            let json = RecipeMetadata.json(for: object, script: scriptName)
            do { parts = try ImageMetadata.embeddingParts(json, in: data, format: target) } catch {
                throw SaveError(message: "\(name): cannot embed metadata: \(error.message) (pass metadata=false to skip it)", isUsage: false)
            }
        }
        try write(parts, to: url, overwrite: overwrite)
        recorder?.imageSaved(sha256: object.image.sha256, path: url.path)
        return url.path
    }

    private func write(_ parts: [Data], to url: URL, overwrite: Bool) throws(SaveError) {
        do { try AtomicFile.write(parts, to: url, overwrite: overwrite) } catch {
            throw SaveError(message: "save: \(error.message)", isUsage: false)
        }
    }

    /// Relative paths land under the output folder; `~` expands.
    func resolveOutput(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return options.outputDirectory.appendingPathComponent(expanded).standardizedFileURL
    }
}
