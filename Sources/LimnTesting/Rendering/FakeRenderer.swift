import Foundation
import LimnImage
import LimnRouter

/// Turns a `FakeAnswer` for one call into response bytes, by filling the answer's fixture with
/// real images and the call's values.
struct FakeRenderer {
    let state: FakeRouterState

    /// The response for `answer` to `call`.
    func render(_ answer: FakeAnswer, for call: FakeCall) throws -> FakeReply {
        let number = state.nextNumber()
        var values = baseValues(call: call, number: number)
        let count: Int
        let fixture: String
        var status = 200
        var extraHeaders: [(String, String)] = [("X-Request-Id", "req_fake_\(number)")]
        switch answer {
        case .imagesB64: (fixture, count) = ("images-b64.json", call.n)
        case .imagesURL(let mime): (fixture, count) = (mime ? "images-url-mime.json" : "images-url.json", call.n)
        case .imagesStream(let done):
            (fixture, count) = ("images-stream.sse", call.n)
            values["DONE"] = done ? "data: [DONE]\n\n" : ""
        case .multipart(let form, let n):
            let names: [MultipartImageForm: String] = [.dataURI: "datauri", .url: "url", .bareBase64: "base64"]
            (fixture, count) = ("chat-multipart-\(names[form] ?? "datauri").json", n)
        case .text(let text):
            (fixture, count) = ("chat-text.json", 0)
            values["TEXT"] = Self.jsonEscaped(text ?? "I can't make images in this chat, but here is how I picture it: \(call.prompt)")
        case .markdown(let form, let n): (fixture, count) = (form == .url ? "chat-markdown-url.json" : "chat-markdown-datauri.json", n)
        case .taskText(let form, let n):
            let names: [TaskTextForm: String] = [.chinese: "zh", .english: "en", .headerOnly: "header"]
            (fixture, count) = ("chat-task-text-\(names[form] ?? "zh").json", form == .headerOnly ? 0 : n)
        case .messageImages(let n): (fixture, count) = ("chat-message-images.json", n)
        case .chatStream(let form, let n): (fixture, count) = (form == .markdown ? "chat-stream.sse" : "chat-stream-images.sse", n)
        case .geminiInline(let form, let n):
            (fixture, count) = (form == .camelCase ? "gemini-inline.json" : "gemini-inline-snake.json", n)
        case .geminiText(let form, let n): (fixture, count) = (form == .url ? "gemini-text-url.json" : "gemini-text-datauri.json", n)
        case .geminiStream(let n): (fixture, count) = ("gemini-stream.sse", n)
        case .openAIError(let code, let message, let type, let errorCode, let requestID):
            (fixture, count, status) = ("error-openai.json", 0, code)
            values["MESSAGE"] = Self.jsonEscaped(message + (requestID.map { " (request id: \($0))" } ?? ""))
            values["TYPE"] = Self.jsonEscaped(type)
            values["CODE_JSON"] = errorCode.map { "\"\(Self.jsonEscaped($0))\"" } ?? "null"
            if let requestID { extraHeaders = [("X-Request-Id", requestID)] }  // the same id in the header and the text
        case .googleError(let code, let message, let reason):
            (fixture, count, status) = ("error-google.json", 0, code)
            values["STATUS_CODE"] = String(code)
            values["MESSAGE"] = Self.jsonEscaped(message)
            values["REASON"] = Self.jsonEscaped(reason)
        case .htmlPage(let code): (fixture, count, status) = (code == 524 ? "error-html-524.html" : "error-html-502.html", 0, code)
        case .emptyBody(let code): (fixture, count, status) = ("error-empty.txt", 0, code)
        case .truncatedJSON:
            var whole = try render(.imagesB64, for: call)
            whole.body = whole.body.prefix(max(whole.body.count / 2, 1))
            return whole
        case .streamError:
            (fixture, count) = ("stream-error.sse", 0)
            values["MESSAGE"] = "upstream connection lost"
        case .redirect(let code, let location):
            return FakeReply(status: code, headers: [("Location", location)] + extraHeaders)
        case .raw(let code, let contentType, let body):
            return FakeReply(status: code, contentType: contentType, headers: extraHeaders, body: body)
        }
        guard let template = FixtureLibrary.template(fixture) else {
            throw FakeRouterError("the fixture \(fixture) is missing from LimnTesting's resources")
        }
        let items = try imageValues(count: count, call: call, placeholders: template.placeholders)
        if template.placeholders.contains("PREVIEW_B64") { values["PREVIEW_B64"] = try smallImage(side: 16, call: call).base64 }
        if template.placeholders.contains("THOUGHT_B64") { values["THOUGHT_B64"] = try smallImage(side: 32, call: call, seed: 99).base64 }
        let body = template.render(values, images: items)
        return FakeReply(status: status, contentType: Self.contentType(of: fixture), headers: extraHeaders, body: Data(body.utf8))
    }

    /// Values every fixture may use.
    private func baseValues(call: FakeCall, number: Int) -> [String: String] {
        let size = imageSize(call)
        return [
            "CREATED": String(Int(Date().timeIntervalSince1970)),
            "ID": call.route == .chat ? "chatcmpl-fake\(number)" : "resp-fake\(number)",
            "MODEL": Self.jsonEscaped(call.model),
            "PROMPT": Self.jsonEscaped(call.prompt),
            "PROMPT_IN_JSON": Self.jsonEscaped(Self.jsonEscaped(call.prompt)),
            "FORMAT": imageFormat(call).rawValue,
            "SIZE": size.description,
            "BASE": state.rootText,
            "HOST": state.configuration.advertisedHost ?? state.configuration.bindHost,
            "TASK_ID": "task_01fake\(number)",
            "COUNT": String(call.n),
            "EVENT": call.isEdit ? "image_edit" : "image_generation",
            "DONE": "data: [DONE]\n\n",
        ]
    }

    /// Per-image values, computed only for the placeholders the fixture uses (a 4 MB image's data
    /// URI is not built for a fixture that wants its URL).
    private func imageValues(count: Int, call: FakeCall, placeholders: Set<String>) throws -> [[String: String]] {
        try (0..<count).map { index in
            let key = imageKey(call: call, seed: index)
            var item = ["INDEX": String(index), "NUMBER": String(index + 1), "MIME": key.format.mime]
            if placeholders.contains("B64") || placeholders.contains("DATAURI") {
                let entry = try state.images.image(key)
                if placeholders.contains("B64") { item["B64"] = entry.base64 }
                if placeholders.contains("DATAURI") { item["DATAURI"] = "data:\(key.format.mime);base64," + entry.base64 }
            }
            if placeholders.contains("URL") { item["URL"] = state.filesRoot + "/files/" + FakeImageFactory.fileName(key) }
            return item
        }
    }

    /// The image for result `seed` of `call`.
    func imageKey(call: FakeCall, seed: Int) -> FakeImageFactory.Key {
        let noise = state.configuration.noise || call.prompt.lowercased().contains("noise")
        return FakeImageFactory.Key(size: imageSize(call), format: imageFormat(call), seed: seed, noise: noise)
    }

    private func smallImage(side: Int, call: FakeCall, seed: Int = 0) throws -> FakeImageFactory.Entry {
        try state.images.image(FakeImageFactory.Key(size: FakeImageSize(side, side), format: .png, seed: seed, noise: false))
    }

    private func imageSize(_ call: FakeCall) -> FakeImageSize {
        FakeImageFactory.clamp(state.configuration.imageSize ?? call.size ?? state.configuration.defaultImageSize)
    }

    private func imageFormat(_ call: FakeCall) -> ImageFormat {
        let format = state.configuration.imageFormat ?? call.format ?? .png
        return format == .gif ? .png : format
    }

    static func contentType(of fixture: String) -> String {
        if fixture.hasSuffix(".json") { return "application/json" }
        if fixture.hasSuffix(".sse") { return "text/event-stream; charset=utf-8" }
        if fixture.hasSuffix(".html") { return "text/html; charset=UTF-8" }
        return "text/plain; charset=utf-8"
    }

    /// `text` escaped for the inside of a JSON string.
    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
