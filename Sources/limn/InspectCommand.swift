import ArgumentParser
import Foundation
import LimnImage
import LimnLua
import LimnRouter

/// `limn inspect FILE`: the recipe a saved image carries; `--rerun` makes it again.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the recipe metadata a saved image carries (and re-run its call with --rerun)."
    )

    @Argument(help: "A PNG, JPEG or WebP file saved by limn.")
    var file: String

    @Flag(name: .long, help: "Send the same call again (same model, prompt, parameters; edits need their parent image in the history store) and save the result beside the file.")
    var rerun = false

    @OptionGroup var common: CommonOptions

    /// `--json` (of the common options): the raw JSON only.
    private var json: Bool { common.json }

    func run() throws {
        let data: Data
        switch ImageFile.read(URL(fileURLWithPath: file), limit: ImageLimits.default.maxBytes) {
        case .success(let read): data = read
        case .failure(let failure):
            Stderr.line("limn inspect: \(file) \(failure.phrase)")
            throw ExitCode(2)
        }
        let image: EncodedImage
        do { image = try EncodedImage(validating: data) } catch {
            Stderr.line("limn inspect: \(file) is not a valid image: \(error.message)")
            throw ExitCode(1)
        }
        guard let text = ImageMetadata.read(from: data) else {
            print("\(file): \(image.format.rawValue) \(image.width)x\(image.height), \(data.count) bytes — no Limn metadata")
            throw ExitCode(1)
        }
        if json { print(text) } else {
            print("\(file): \(image.format.rawValue) \(image.width)x\(image.height), \(data.count) bytes")
            if case .object(let o)? = try? JSONValue.parse(Data(text.utf8)) {
                for (k, v) in o.entries {
                    let value = v.stringValue ?? String(decoding: v.serialized(), as: UTF8.self)
                    print("  \(k.padding(toLength: 15, withPad: " ", startingAt: 0)) \(value)")
                }
            } else {
                print(text)
            }
        }
        if rerun { try Rerun.run(metadata: text, file: file, common: common.settings) }
    }
}

/// Re-runs the call a saved image's metadata describes, as a one-line generated recipe.
enum Rerun {
    static func run(metadata: String, file: String, common: CommonSettings) throws {
        guard case .object(let o)? = try? JSONValue.parse(Data(metadata.utf8)),
              let operation = o["operation"]?.stringValue, let model = o["model"]?.stringValue,
              let prompt = o["prompt"]?.stringValue else {
            Stderr.line("limn inspect: the metadata does not name an operation, model and prompt to re-run")
            throw ExitCode(1)
        }
        var params = o["parameters"]?.objectValue ?? JSONObject()
        for k in ["model", "prompt", "image", "image[]", "mask", "messages", "contents"] { params[k] = nil }
        let extra = String(decoding: JSONValue.object(params).serialized(), as: UTF8.self)
        let target = URL(fileURLWithPath: file)
        let out = target.deletingLastPathComponent().appendingPathComponent(target.deletingPathExtension().lastPathComponent + "-rerun." + target.pathExtension).path
        let call: String
        switch operation {
        case "generate":
            call = "generate{ \(luaString(prompt)), model = \(luaString(model)), extra = extra }"
        case "edit":
            guard let parent = o["parent"]?["source_path"]?.stringValue ?? o["parent"]?["sha256"]?.stringValue.flatMap(HistoryImage.path) else {
                Stderr.line("limn inspect: --rerun of an edit needs its parent image (not found in the history store)")
                throw ExitCode(1)
            }
            call = "edit{ image = \(luaString(parent)), prompt = \(luaString(prompt)), model = \(luaString(model)), extra = extra }"
        default:
            Stderr.line("limn inspect: cannot re-run a \(operation) call")
            throw ExitCode(1)
        }
        let source = "local extra = \(LuaLiteral.from(json: extra))\nlocal img = \(call)\nprint(save(img, \(luaString(out))))\n"
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("limn-rerun-\(ProcessInfo.processInfo.processIdentifier).lua")
        try source.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let setup = try RunSetup(common: common, script: script.path)
        defer { setup.shutdown() }
        if case .failed(let message, _) = setup.run(script: script.path, arguments: []) {
            Stderr.line(message)
            throw ExitCode(1)
        }
    }

    static func luaString(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: if ch.value < 0x20 { out += "\\\(ch.value)" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }
}

/// A JSON object as a Lua table constructor.
enum LuaLiteral {
    static func from(json: String) -> String {
        guard let v = try? JSONValue.parse(Data(json.utf8)) else { return "{}" }
        return literal(v)
    }
    static func literal(_ v: JSONValue) -> String {
        switch v {
        case .null: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return Rerun.luaString(s)
        case .span(let s): return Rerun.luaString(s.string)
        case .array(let a): return "{ " + a.map(literal).joined(separator: ", ") + " }"
        case .object(let o): return "{ " + o.entries.map { "[\(Rerun.luaString($0.key))] = \(literal($0.value))" }.joined(separator: ", ") + " }"
        }
    }
}

/// Finds an image in the history's content-addressed store by its digest.
enum HistoryImage {
    static func path(_ sha256: String) -> String? {
        guard let store = try? HistoryAccess.open() else { return nil }
        for format in ImageFormat.allCases {
            if let url = try? store.images.url(sha256: sha256, format: format), FileManager.default.fileExists(atPath: url.path) {
                return url.path
            }
        }
        return nil
    }
}
