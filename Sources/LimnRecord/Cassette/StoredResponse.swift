import Foundation
import LimnImage
import LimnRouter

/// A response as a cassette holds it: status, headers (credentials dropped), and the body either
/// inline as text or as a file in `bodies/`, with base64 images swapped for files
/// (`Base64ImageTemplate`). The sha256 of the exact body received lets replay prove it gives back
/// the same bytes.
struct StoredResponse: Sendable, Equatable {
    /// Where the body is.
    enum Body: Sendable, Equatable {
        /// No body.
        case empty
        /// Short UTF-8 text, inline in the index.
        case text(String)
        /// A file in `bodies/`.
        case file(String)
    }

    /// Bodies up to this size (after images are swapped out) stay inline when they are UTF-8 text.
    static let inlineLimit = 4096

    /// The status code.
    var status: Int
    /// The headers, minus credential-carrying ones.
    var headers: HTTPHeaders
    /// The body, or its template when `images` is not empty.
    var body: Body
    /// Files whose base64 goes back into the template where their tokens stand.
    var images: [String]
    /// The sha256 of the exact body.
    var sha256: String
    /// The body's length in bytes.
    var byteCount: Int

    /// The stored form of `response` and the files it needs. Any echo of a key is scrubbed first,
    /// so in that one case replay gives back the scrubbed body.
    static func store(_ response: HTTPResponse, credentials: Credentials) -> (StoredResponse, [CassetteBlob]) {
        let body = credentials.scrub(response.wireBody)
        let headers = HTTPHeaders(response.headers.fields
            .filter { !Credentials.headerNames.contains($0.name.lowercased()) }
            .map { ($0.name, credentials.scrub($0.value)) })
        var blobs: [CassetteBlob] = []
        var images: [String] = []
        var main = body
        if ImageFormat.sniff(body) == nil, let template = Base64ImageTemplate.extract(from: body) {
            blobs = template.images
            images = template.images.map(\.name)
            main = template.template
        }
        let stored: Body
        if main.isEmpty {
            stored = .empty
        } else if main.count <= inlineLimit, ImageFormat.sniff(main) == nil, let text = String(validating: main, as: UTF8.self) {
            stored = .text(text)
        } else {
            let file = CassetteBlob(data: main)
            blobs.append(file)
            stored = .file(file.name)
        }
        let response = StoredResponse(status: response.status, headers: headers, body: stored, images: images,
                                      sha256: SHA256Digest.hex(body), byteCount: body.count)
        return (response, blobs)
    }

    /// The response as received, read back from `cassette`.
    /// - Throws: `CassetteError` when a file is missing or the body's sha256 differs from the recorded one.
    func load(from cassette: Cassette) throws(CassetteError) -> HTTPResponse {
        var data: Data
        switch body {
        case .empty: data = Data()
        case .text(let text): data = Data(text.utf8)
        case .file(let name): data = try cassette.body(named: name)
        }
        if !images.isEmpty {
            var files: [String: Data] = [:]
            for name in images { files[name] = try cassette.body(named: name) }
            data = try Base64ImageTemplate.expand(data, images: files)
        }
        guard data.count == byteCount, SHA256Digest.hex(data) == sha256 else {
            throw CassetteError(.corrupt, "the body of a recorded \(status) response in \(cassette.folder.path) does not match "
                                    + "its sha256 \(sha256.prefix(12))…; a body file was changed: re-record the cassette")
        }
        return HTTPResponse(status: status, headers: headers, body: data)
    }
}

extension StoredResponse {
    /// `{"status","headers":[[name,value]…],"body":{"text"|"file"}?,"images"?,"sha256","bytes"}`.
    var indexValue: JSONValue {
        var object: JSONObject = [
            "status": .int(Int64(status)),
            "headers": .array(headers.fields.map { .array([.string($0.name), .string($0.value)]) }),
            "sha256": .string(sha256),
            "bytes": .int(Int64(byteCount)),
        ]
        switch body {
        case .empty: break
        case .text(let text): object["body"] = ["text": .string(text)]
        case .file(let name): object["body"] = ["file": .string(name)]
        }
        if !images.isEmpty { object["images"] = .array(images.map { .string($0) }) }
        return .object(object)
    }

    /// A response read back from an index entry.
    init(indexValue value: JSONValue) throws(CassetteError) {
        guard let status = value["status"]?.intValue, let sha256 = value["sha256"]?.stringValue,
              let bytes = value["bytes"]?.intValue else {
            throw CassetteError(.corrupt, "a response in the index lacks its status, sha256 or byte count")
        }
        var fields: [(String, String)] = []
        for pair in value["headers"]?.arrayValue ?? [] {
            guard let name = pair[0]?.stringValue, let headerValue = pair[1]?.stringValue else {
                throw CassetteError(.corrupt, "a response header in the index is not a [name, value] pair")
            }
            fields.append((name, headerValue))
        }
        let body: Body
        if let text = value["body"]?["text"]?.stringValue {
            body = .text(text)
        } else if let file = value["body"]?["file"]?.stringValue {
            body = .file(file)
        } else {
            body = .empty
        }
        let images = (value["images"]?.arrayValue ?? []).compactMap(\.stringValue)
        self.init(status: status, headers: HTTPHeaders(fields), body: body, images: images, sha256: sha256, byteCount: bytes)
    }
}
