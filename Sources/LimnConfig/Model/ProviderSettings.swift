import Foundation
import LimnRouter

/// The router a run talks to, each part with its source.
public struct ProviderSettings: Sendable, Equatable {
    /// The name of the offline provider, which the CLI swaps for the in-process transport.
    public static let offlineName = "offline"
    /// The offline provider's base URL: never resolvable, so nothing can leave the machine by mistake.
    public static let offlineBaseURL = URL(string: "http://offline.limn.invalid/v1") ?? URL(fileURLWithPath: "/")

    /// `crazyrouter`, `openai`, `offline`, a name from `[providers.NAME]`, or `env` for an
    /// unnamed router given by `LIMN_BASE_URL`/`OPENAI_BASE_URL`.
    public var name: Sourced<String>
    /// The OpenAI-style base URL, normalized to end in `/v1`.
    public var baseURL: Sourced<URL>
    /// The key, when there is one (masked whenever printed).
    public var apiKey: Sourced<Secret>?
    /// The upload endpoint relative to the base (`files/uploads`), when the router has one.
    public var uploadPath: Sourced<String>?

    /// Provider settings.
    public init(name: Sourced<String>, baseURL: Sourced<URL>, apiKey: Sourced<Secret>? = nil, uploadPath: Sourced<String>? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.uploadPath = uploadPath
    }

    /// Whether this is the built-in offline provider.
    public var isOffline: Bool { name.value == Self.offlineName }

    /// The router's `Provider` value.
    public var provider: Provider {
        Provider(name: name.value, baseURL: baseURL.value, apiKey: apiKey?.value, uploadPath: uploadPath?.value)
    }
}
