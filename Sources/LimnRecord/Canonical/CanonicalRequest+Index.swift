import Foundation
import LimnRouter

extension CanonicalRequest {
    /// The request as stored in a cassette's index:
    /// `{"method","path","type"?, "json"? | "form"? | "raw"?}`.
    var indexValue: JSONValue {
        var object: JSONObject = ["method": .string(method), "path": .string(path)]
        if let contentType { object["type"] = .string(contentType) }
        switch body {
        case .none: break
        case .json(let value): object["json"] = value
        case .raw(let text): object["raw"] = .string(text)
        case .form(let parts):
            object["form"] = .array(parts.map { part in
                var p: JSONObject = ["name": .string(part.name)]
                if let filename = part.filename { p["filename"] = .string(filename) }
                if let type = part.contentType { p["type"] = .string(type) }
                if let text = part.text { p["text"] = .string(text) }
                if let content = part.content { p["content"] = .string(content) }
                return .object(p)
            })
        }
        return .object(object)
    }

    /// A request read back from an index entry.
    init(indexValue value: JSONValue) throws(CassetteError) {
        guard let method = value["method"]?.stringValue, let path = value["path"]?.stringValue else {
            throw CassetteError(.corrupt, "a request in the index has no method or path")
        }
        let body: Body
        if let json = value["json"] {
            body = .json(json)
        } else if let raw = value["raw"]?.stringValue {
            body = .raw(raw)
        } else if let form = value["form"]?.arrayValue {
            var parts: [FormPart] = []
            for element in form {
                guard let name = element["name"]?.stringValue else {
                    throw CassetteError(.corrupt, "a form part of \(method) \(path) in the index has no name")
                }
                parts.append(FormPart(name: name, filename: element["filename"]?.stringValue,
                                      contentType: element["type"]?.stringValue, text: element["text"]?.stringValue,
                                      content: element["content"]?.stringValue))
            }
            body = .form(parts)
        } else {
            body = .none
        }
        self.init(method: method, path: path, contentType: value["type"]?.stringValue, body: body)
    }
}
