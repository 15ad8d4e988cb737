import Foundation

/// What the shape readers need to know about the exchange besides the body.
struct ShapeContext {
    var route: Route
    var operation: Operation
    var limits: RouterLimits
    var status: Int
    var headers: HTTPHeaders
    var now: Date
    /// The base64 spans decoded so far, for the raw JSON to hold their bytes instead.
    let decoded = DecodedSpans()

    /// A `shape` error: the body parsed but holds nothing we know how to read.
    func shapeError(_ message: String) -> RouterError {
        RouterError(.shape, message, status: status, route: route, requestID: ErrorClassifier.requestID(in: headers))
    }
}

/// The canonical base64 spans of one response that were decoded, by where their text lies in
/// the body: `rewrite` swaps each for a span holding the decoded bytes (which the image holds
/// anyway), so the reply's raw JSON stops pinning the multi-megabyte body.
final class DecodedSpans {
    private var bytes: [Int: Data] = [:]

    func note(_ span: JSONSpan, decoded: Data) {
        if let address = span.address { bytes[address] = decoded }
    }

    /// `value` with every noted span replaced.
    func rewrite(_ value: JSONValue) -> JSONValue {
        guard !bytes.isEmpty else { return value }
        switch value {
        case .span(let span):
            if let address = span.address, let decoded = bytes[address] { return .span(JSONSpan(base64Of: decoded)) }
            return value
        case .array(let items): return .array(items.map(rewrite))
        case .object(let object): return .object(JSONObject(uniqueEntries: object.entries.map { ($0.key, rewrite($0.value)) }))
        default: return value
        }
    }
}
