import Foundation
import LimnImage
import LimnRouter

/// What a request asks the fake router for, read from its method and path.
enum FakeEndpoint: Equatable {
    /// `POST /v1/images/generations` or `/v1/images/edits`.
    case images(edit: Bool)
    /// `POST /v1/chat/completions`.
    case chat
    /// `POST /v1beta/models/{model}:generateContent` or `:streamGenerateContent`.
    case gemini(model: String, stream: Bool)
    /// `POST /v1/files/uploads` (multipart `file`).
    case upload
    /// `POST /v1/files/uploads/base64` (JSON `data` URI).
    case uploadBase64
    /// `/files/{name}`: a generated image, or `uploads/{id}.{ext}` an uploaded one.
    case file(String)
    /// `GET /asyncdata/web/{task}`: the task preview page (HTML).
    case taskPreview(String)
    /// `GET /asyncdata/source/{task}`: the task's raw data.
    case taskSource(String)
    /// `GET /videos/…`: the progress link of a task answer (an image, but not a result).
    case progressImage
    /// Anything else.
    case unknown

    init(method: String, path: String) {
        let pathOnly = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let post = method.uppercased() == "POST", get = method.uppercased() == "GET" || method.uppercased() == "HEAD"
        switch pathOnly {
        case "/v1/images/generations" where post: self = .images(edit: false)
        case "/v1/images/edits" where post: self = .images(edit: true)
        case "/v1/chat/completions" where post: self = .chat
        case "/v1/files/uploads" where post: self = .upload
        case "/v1/files/uploads/base64" where post: self = .uploadBase64
        default:
            if post, pathOnly.hasPrefix("/v1beta/models/"), let colon = pathOnly.lastIndex(of: ":") {
                let model = String(pathOnly[pathOnly.index(pathOnly.startIndex, offsetBy: 15)..<colon])
                let method = pathOnly[pathOnly.index(after: colon)...]
                let decoded = model.removingPercentEncoding ?? model
                self = method == "generateContent" || method == "streamGenerateContent"
                    ? .gemini(model: decoded, stream: method == "streamGenerateContent") : .unknown
            } else if pathOnly.hasPrefix("/files/") {  // any method: a 307 keeps a POST
                self = .file(String(pathOnly.dropFirst(7)))
            } else if get, pathOnly.hasPrefix("/asyncdata/web/") {
                self = .taskPreview(String(pathOnly.dropFirst(15)))
            } else if get, pathOnly.hasPrefix("/asyncdata/source/") {
                self = .taskSource(String(pathOnly.dropFirst(18)))
            } else if get, pathOnly.hasPrefix("/videos/") {
                self = .progressImage
            } else {
                self = .unknown
            }
        }
    }

    /// The API route this endpoint belongs to.
    var route: Route? {
        switch self {
        case .images: .images
        case .chat: .chat
        case .gemini: .gemini
        default: nil
        }
    }
}
