import Foundation
import LimnRouter

/// Keeps what a run received: the history store and the manifest implement this. The host
/// calls `callFinished` on the request task **before** the script sees the result, so an
/// image that arrived is on disk even if the script or the process dies a moment later.
public protocol RunRecorder: Sendable {
    /// A call ended (with images, or an error). Throwing only warns: the script still gets its result.
    /// `location` is where the recipe made the call (`recipe.lua:12`), when known.
    func callFinished(_ call: Call, result: Result<CallResult, RouterError>, parentSHA256: String?, started: Date,
                      location: String?) throws
    /// The script saved an image to `path`.
    func imageSaved(sha256: String, path: String)
}
