import Foundation
import LimnImage
import LimnRouter

/// One input image as a chat or gemini request carried it, decoded.
struct ChatImage: Sendable {
    var pixels: PixelBuffer
    var format: ImageFormat
    var byteCount: Int
}

/// The user turn a chat-style request asks about: its text and its images.
struct ChatInput: Sendable {
    /// The text parts, joined by newlines.
    var text = ""
    /// The images, decoded.
    var images: [ChatImage] = []
    /// Image URLs the offline provider cannot fetch (no network).
    var remoteURLs: [String] = []

    /// Adds an image given as a data URI, bare base64 or a web URL (`param` names it in errors).
    mutating func addImage(reference: String, param: String) throws(OfflineFailure) {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.prefix(8).lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            remoteURLs.append(trimmed)
            return
        }
        var payload = Substring(trimmed)
        if lower.hasPrefix("data:") {
            guard let comma = trimmed.firstIndex(of: ",") else {
                throw .badRequest("Invalid data URI in '\(param)': no comma before the data.", code: "invalid_image", param: param)
            }
            payload = trimmed[trimmed.index(after: comma)...]
        }
        guard let data = Data(base64Encoded: String(payload), options: .ignoreUnknownCharacters) else {
            throw .badRequest("Invalid base64 image data in '\(param)'.", code: "invalid_image", param: param)
        }
        try addImage(data: data, param: param)
    }

    /// Adds an image from its encoded bytes.
    mutating func addImage(data: Data, param: String) throws(OfflineFailure) {
        let pixels = try OfflineImaging.decode(data, param: param)
        images.append(ChatImage(pixels: pixels, format: ImageFormat.sniff(data) ?? .png, byteCount: data.count))
    }

    mutating func addText(_ more: String) {
        text = text.isEmpty ? more : text + "\n" + more
    }

    /// The last user message of an OpenAI `messages` array.
    static func fromChat(messages: [JSONValue]) throws(OfflineFailure) -> ChatInput {
        var input = ChatInput()
        guard let last = messages.last(where: { ($0["role"]?.stringValue ?? "user") == "user" }) else { return input }
        switch last["content"] {
        case .string(let text)?:
            input.text = text
        case .array(let parts)?:
            for (i, part) in parts.enumerated() {
                let param = "messages[].content[\(i)]"
                if let text = part["text"]?.stringValue, part["type"]?.stringValue != "image_url" {
                    input.addText(text)
                } else if let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue {
                    try input.addImage(reference: url, param: param)
                } else if let text = part.stringValue {
                    input.addText(text)
                }
            }
        default:
            break
        }
        return input
    }

    /// The last user content of a Gemini `contents` array (`inlineData` or `inline_data` parts).
    static func fromGemini(contents: [JSONValue]) throws(OfflineFailure) -> ChatInput {
        var input = ChatInput()
        guard let last = contents.last(where: { ($0["role"]?.stringValue ?? "user") == "user" }),
              let parts = last["parts"]?.arrayValue else { return input }
        for (i, part) in parts.enumerated() {
            if let text = part["text"]?.stringValue, part["thought"]?.boolValue != true { input.addText(text) }
            if let inline = part["inlineData"] ?? part["inline_data"] {
                guard let data = inline["data"]?.stringValue else {
                    throw .badRequest("contents[].parts[\(i)].inlineData has no 'data'.", param: "contents")
                }
                try input.addImage(reference: data, param: "contents[].parts[\(i)]")
            }
            if let uri = (part["fileData"] ?? part["file_data"])?["fileUri"]?.stringValue {
                input.remoteURLs.append(uri)
            }
        }
        return input
    }
}
