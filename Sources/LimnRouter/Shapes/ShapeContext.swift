import Foundation

/// What the shape readers need to know about the exchange besides the body.
struct ShapeContext {
    var route: Route
    var operation: Operation
    var limits: RouterLimits
    var status: Int
    var headers: HTTPHeaders
    var now: Date

    /// A `shape` error: the body parsed but holds nothing we know how to read.
    func shapeError(_ message: String) -> RouterError {
        RouterError(.shape, message, status: status, route: route, requestID: ErrorClassifier.requestID(in: headers))
    }
}
