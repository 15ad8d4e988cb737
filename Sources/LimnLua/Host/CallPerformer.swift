import LimnRouter

/// What the host needs from the router side: perform a call, fetch an image by URL.
/// `RouterClient` is the production value; tests may pass their own.
public protocol CallPerformer: Sendable {
    /// Performs one call (request, retries, normalization, image downloads).
    func perform(_ call: Call) async throws(RouterError) -> CallResult
    /// Downloads and validates an image from a URL.
    func fetchImage(url: String) async throws(RouterError) -> InputImage
}
