import CLua
import CLuaShim
import Foundation
import LimnImage
import LimnRouter

extension LuaHost {
    /// generate, edit, chat, save, image.
    func installCallBindings(_ limn: Int32) {
        setFunction(limn, "generate") { [unowned self] s in self.run(s, "generate") { s throws(BindingError) in try self.generateCall(s) } }
        setFunction(limn, "edit") { [unowned self] s in self.run(s, "edit") { s throws(BindingError) in try self.editCall(s) } }
        setFunction(limn, "chat") { [unowned self] s in self.run(s, "chat") { s throws(BindingError) in try self.chatCall(s) } }
        setFunction(limn, "save") { [unowned self] s in self.saveBinding(s, name: "save") }
        setFunction(limn, "image") { [unowned self] s in self.imageBinding(s) }
    }

    /// Parses the arguments into a call and starts it; argument mistakes raise at the caller's line.
    private func run(_ s: LuaStack, _ name: String, _ parse: (LuaStack) throws(BindingError) -> (Call, ImageObject?)) -> LuaReturn {
        do {
            let (call, parent) = try parse(s)
            return startOperation(s, binding: name, call: call, parent: parent)
        } catch {
            if let kind = error.kind {
                pushError(RouterError(kind, error.message), on: s)
                return .raise
            }
            return s.raise(error.message)
        }
    }

    private func optionsTable(_ s: LuaStack, _ spec: BindingSpec, example: String) throws(BindingError) -> OptionReader {
        guard s.type(1) == LUA_TTABLE else {
            throw BindingError("\(spec.name) takes a table: \(example) (got \(s.isNil(1) ? "no argument" : s.typeName(1)))")
        }
        return OptionReader(s, table: 1, spec: spec, positional: 1...1)
    }

    private func imageOptions(_ o: OptionReader) throws(BindingError) -> CallOptions {
        var options = CallOptions()
        options.n = try o.integer("n", range: 1...Int.max)
        if let n = options.n, n > LuaHost.maxImagesPerCall {
            throw BindingError("\(o.spec.name): n = \(n) is over the limit of \(LuaHost.maxImagesPerCall) images per call", kind: .limit)
        }
        options.size = try o.string("size")
        if let size = options.size, size != "auto", !size.hasSuffix("K") {
            guard let spec = SizeSpec(size) else {
                throw BindingError("\(o.spec.name): size must look like \"1024x1024\" (or \"auto\"), got \"\(size.prefix(40))\"")
            }
            let (pixels, overflow) = spec.width.multipliedReportingOverflow(by: spec.height)
            let maxPixels = self.options.imageLimits.maxPixels
            if overflow || pixels > maxPixels || spec.width > 16384 || spec.height > 16384 {
                throw BindingError("\(o.spec.name): size \(size) is over the limit of \(maxPixels) pixels (limits.pixels) and 16384 a side", kind: .limit)
            }
        }
        options.quality = try o.string("quality")
        options.background = try o.string("background")
        if let f = try o.string("format") {
            guard let format = ImageFormat(mime: f), format != .gif else {
                throw BindingError("\(o.spec.name): format must be \"png\", \"jpeg\" or \"webp\", got \"\(f)\"")
            }
            options.format = format == .jpeg ? "jpeg" : format.rawValue
        }
        options.compression = try o.integer("compression", range: 0...100)
        return options
    }

    func generateCall(_ s: LuaStack) throws(BindingError) -> (Call, ImageObject?) {
        let spec = BindingSpec.generate
        if let prompt = s.string(1), s.isNil(2) {
            return (Call(operation: .generate, model: options.models.generate, prompt: prompt), nil)
        }
        let o = try optionsTable(s, spec, example: #"generate{ "a red square on a white background" }"#)
        try o.checkUnknownKeys()
        guard let prompt = try o.prompt(), !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw BindingError(#"generate: a prompt is required — generate{ "a cat in the rain" } or generate{ prompt = "…" }"#)
        }
        var call = Call(operation: .generate, model: try o.string("model") ?? options.models.generate, prompt: prompt)
        call.options = try imageOptions(o)
        try o.common(into: &call, imageDataURI: { self.imageObject(s, $0)?.image.dataURI })
        return (call, nil)
    }

    func editCall(_ s: LuaStack) throws(BindingError) -> (Call, ImageObject?) {
        let spec = BindingSpec.edit
        let o = try optionsTable(s, spec, example: #"edit{ image = img, prompt = "make it watercolor" }"#)
        try o.checkUnknownKeys()
        guard let prompt = try o.prompt(), !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw BindingError(#"edit: a prompt is required — edit{ image = img, prompt = "make it watercolor" }"#)
        }
        s.rawGet(1, "image")
        defer { s.pop() }
        var objects: [ImageObject] = []
        if s.type(-1) == LUA_TTABLE {
            let n = s.rawLength(-1)
            guard n > 0 else { throw BindingError("edit: image = {} is empty; give at least one Image or path") }
            for k in 1...n {
                s.rawGet(-1, index: k)
                defer { s.pop() }
                objects.append(try inputImage(s, -1, what: "edit: image[\(k)]"))
            }
        } else if s.isNil(-1) {
            throw BindingError("edit: image = … is required (an Image, a path, or a list of them)")
        } else {
            objects.append(try inputImage(s, -1, what: "edit: image"))
        }
        var call = Call(operation: .edit, model: try o.string("model") ?? options.models.edit, prompt: prompt)
        call.images = objects.map { InputImage(image: $0.image, sourceURL: $0.provenance.url) }
        s.rawGet(1, "mask")
        if !s.isNil(-1) {
            let mask = try inputImage(s, -1, what: "edit: mask")
            call.mask = InputImage(image: mask.image, sourceURL: mask.provenance.url)
        }
        s.pop()
        call.options = try imageOptions(o)
        call.options.fidelity = try o.string("fidelity")
        try o.common(into: &call, imageDataURI: { self.imageObject(s, $0)?.image.dataURI })
        return (call, objects.first)
    }

    /// An Image userdata, or a path loaded now, at stack index `i`.
    func inputImage(_ s: LuaStack, _ i: Int32, what: String) throws(BindingError) -> ImageObject {
        if let obj = imageObject(s, i) { return obj }
        guard let path = s.string(i) else { throw BindingError("\(what) must be an Image or a file path, got \(s.typeName(i))") }
        switch loadImageFile(path) {
        case .success(let obj): return obj
        case .failure(let e): throw BindingError("\(what): \(e.message)", kind: e.kind == .sandbox ? .sandbox : nil)
        }
    }

}

/// A `WxH` size.
struct SizeSpec: Equatable {
    let width: Int
    let height: Int
    init?(_ text: String) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 else { return nil }
        width = w
        height = h
    }
}
