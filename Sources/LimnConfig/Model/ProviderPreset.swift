import Foundation
import LimnRouter

/// A provider Limn knows without configuration, selectable with `--provider NAME` or
/// `provider = "NAME"`; a `[providers.NAME]` table in limn.toml adjusts it key by key.
public struct ProviderPreset: Sendable, Equatable {
    /// `crazyrouter`, `openai` or `offline`.
    public var name: String
    /// Base URL including `/v1`.
    public var baseURL: URL
    /// Hosts recognized as this provider when a base URL comes from the environment.
    public var hosts: [String]
    /// Variables the key is read from, after `LIMN_API_KEY` and the file's `api_key_env`.
    public var keyVariables: [String]
    /// Upload endpoint relative to the base, when the router has one.
    public var uploadPath: String?
    /// Default models for this router, when it has better ones than Limn's.
    public var models: Models?
    /// Route table entries this router needs in front of the built-in table.
    public var routes: [RouteTable.Entry]

    /// A preset's default model per operation.
    public struct Models: Sendable, Equatable {
        /// For `generate`.
        public var generate: String
        /// For `edit`.
        public var edit: String
        /// For `chat`.
        public var chat: String
    }

    /// Crazyrouter (router-shapes.md §1): `https://api.crazyrouter.com/v1` (also recognized:
    /// `cn.` and the bare domain), uploads at `files/uploads`, gpt-image-2 for images (its current
    /// GPT image model), gpt-4o-mini for chat. Routes pin what its docs disagree on: the
    /// Nano Banana family on the images route (the newest docs, zh 2026-05-17, §3.4 and §10 Q4;
    /// `via="gemini"` or a `[routes]` entry reaches the native route), Gemini image models on the
    /// native gemini route, gpt-4o-image on chat (its task-text replies, §2 C3).
    public static let crazyrouter = ProviderPreset(
        name: "crazyrouter", baseURL: url("https://api.crazyrouter.com/v1"),
        hosts: ["api.crazyrouter.com", "cn.crazyrouter.com", "crazyrouter.com"],
        keyVariables: ["CRAZYROUTER_API_KEY"], uploadPath: "files/uploads",
        models: Models(generate: "gpt-image-2", edit: "gpt-image-2", chat: "gpt-4o-mini"),
        routes: [RouteTable.Entry("nano-banana*", .images), RouteTable.Entry("gemini-*-image*", .gemini), RouteTable.Entry("gpt-4o-image", .chat)])

    /// OpenAI itself: `https://api.openai.com/v1`, the key from `OPENAI_API_KEY`. Used when only
    /// `OPENAI_API_KEY` is set, as every OpenAI SDK does.
    public static let openai = ProviderPreset(
        name: "openai", baseURL: url("https://api.openai.com/v1"), hosts: ["api.openai.com"],
        keyVariables: ["OPENAI_API_KEY"], uploadPath: nil,
        models: Models(generate: "gpt-image-1", edit: "gpt-image-1", chat: "gpt-4o-mini"), routes: [])

    /// The in-process router (DESIGN §4); the CLI swaps in its transport. Takes no settings.
    public static let offline = ProviderPreset(
        name: ProviderSettings.offlineName, baseURL: ProviderSettings.offlineBaseURL, hosts: [],
        keyVariables: [], uploadPath: nil, models: nil, routes: [])

    /// Every preset.
    public static let all: [ProviderPreset] = [crazyrouter, openai, offline]

    /// The preset with this name (case-sensitive, as in config files).
    public static func named(_ name: String) -> ProviderPreset? {
        all.first { $0.name == name }
    }

    /// The preset whose hosts include `host`.
    static func matching(host: String?) -> ProviderPreset? {
        guard let host = host?.lowercased() else { return nil }
        return all.first { $0.hosts.contains(host) }
    }

    private static func url(_ string: String) -> URL {
        URL(string: string) ?? URL(fileURLWithPath: "/")
    }
}
