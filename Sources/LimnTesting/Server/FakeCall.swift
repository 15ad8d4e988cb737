import Foundation
import LimnImage
import LimnRouter

/// The parts of an API request that shape the answer.
struct FakeCall: Sendable {
    var route: Route
    var isEdit = false
    var model = ""
    var prompt = ""
    var n = 1
    var size: FakeImageSize?
    var format: ImageFormat?
    var stream = false

    /// Reads the call from a request to an API endpoint; nil for other endpoints.
    init?(endpoint: FakeEndpoint, request: RecordedRequest) {
        switch endpoint {
        case .images(let edit):
            route = .images
            isEdit = edit
            if let form = request.multipart {
                model = form.value("model") ?? ""
                prompt = form.value("prompt") ?? ""
                n = form.value("n").flatMap { Int($0) } ?? 1
                size = form.value("size").flatMap(FakeImageSize.init(parsing:))
                format = form.value("output_format").flatMap { ImageFormat(mime: $0) }
                stream = form.value("stream") == "true"
            } else if let json = request.json {
                model = json["model"]?.stringValue ?? ""
                prompt = json["prompt"]?.stringValue ?? ""
                n = json["n"]?.intValue ?? 1
                size = json["size"]?.stringValue.flatMap(FakeImageSize.init(parsing:))
                format = json["output_format"]?.stringValue.flatMap { ImageFormat(mime: $0) }
                stream = json["stream"]?.boolValue ?? false
            }
        case .chat:
            route = .chat
            let json = request.json
            model = json?["model"]?.stringValue ?? ""
            stream = json?["stream"]?.boolValue ?? false
            prompt = Self.lastUserText(json?["messages"]?.arrayValue ?? [])
        case .gemini(let name, let streaming):
            route = .gemini
            model = name
            stream = streaming
            let parts = request.json?["contents"]?.arrayValue?.last?["parts"]?.arrayValue ?? []
            prompt = parts.compactMap { $0["text"]?.stringValue }.joined(separator: " ")
        default:
            return nil
        }
        n = min(max(n, 1), 10)
    }

    private static func lastUserText(_ messages: [JSONValue]) -> String {
        guard let message = messages.last(where: { $0["role"]?.stringValue == "user" }) ?? messages.last else { return "" }
        if let text = message["content"]?.stringValue { return text }
        return (message["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: " ")
    }
}
