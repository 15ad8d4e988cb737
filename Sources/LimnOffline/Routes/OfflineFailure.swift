import Foundation
import LimnRouter

/// A request the offline provider refuses, answered as an OpenAI-style error body with an HTTP status.
struct OfflineFailure: Error, Sendable, Equatable {
    var status: Int
    var message: String
    var type: String
    var code: String
    var param: String?

    init(status: Int, _ message: String, type: String = "invalid_request_error", code: String, param: String? = nil) {
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
    }

    /// 400 for a request that cannot be read or is missing something.
    static func badRequest(_ message: String, code: String = "invalid_value", param: String? = nil) -> OfflineFailure {
        OfflineFailure(status: 400, message, code: code, param: param)
    }

    /// 400 naming a missing required parameter, as OpenAI words it.
    static func missing(_ param: String) -> OfflineFailure {
        OfflineFailure(status: 400, "Missing required parameter: '\(param)'.", code: "missing_required_parameter", param: param)
    }

    /// The `{"error":{…}}` body.
    var body: JSONValue {
        var error: JSONObject = ["message": .string(message), "type": .string(type)]
        error["param"] = param.map(JSONValue.string) ?? .null
        error["code"] = .string(code)
        return ["error": .object(error)]
    }

    var response: HTTPResponse { OfflineResponse.json(body, status: status) }
}

/// Builds the HTTP responses the offline provider sends.
enum OfflineResponse {
    /// A JSON response with the headers a router sends.
    static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        let body = value.serialized()
        let id = String(SeededRandom.hash(String(decoding: body.prefix(4096), as: UTF8.self)), radix: 16)
        return HTTPResponse(status: status, headers: [
            "Content-Type": "application/json",
            "x-request-id": "req_offline_\(id)",
            "x-limn-provider": "offline",
        ], body: body)
    }

    /// Rough token count for text: one per four UTF-8 bytes, at least one for non-empty text.
    static func tokens(_ text: String) -> Int {
        text.isEmpty ? 0 : max(1, (text.utf8.count + 3) / 4)
    }

    /// Token cost of an output image, close to gpt-image-1's (4160 for 1024×1024).
    static func imageTokens(width: Int, height: Int) -> Int { max(1, width * height / 252) }
}
