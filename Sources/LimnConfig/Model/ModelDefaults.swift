import LimnRouter

/// The model each operation uses when a script names none (`generate{…}` without `model=`).
public struct ModelDefaults: Sendable, Equatable {
    /// For `generate`.
    public var generate: Sourced<String>
    /// For `edit`.
    public var edit: Sourced<String>
    /// For `chat`.
    public var chat: Sourced<String>

    /// Model defaults.
    public init(generate: Sourced<String>, edit: Sourced<String>, chat: Sourced<String>) {
        self.generate = generate
        self.edit = edit
        self.chat = chat
    }

    /// Limn's own defaults: `gpt-image-1` for images, `gpt-4o-mini` for chat.
    public static let builtIn = ModelDefaults(
        generate: Sourced("gpt-image-1", .builtIn), edit: Sourced("gpt-image-1", .builtIn), chat: Sourced("gpt-4o-mini", .builtIn))

    /// The default for one operation.
    public subscript(operation: LimnRouter.Operation) -> Sourced<String> {
        get {
            switch operation {
            case .generate: generate
            case .edit: edit
            case .chat: chat
            }
        }
        set {
            switch operation {
            case .generate: generate = newValue
            case .edit: edit = newValue
            case .chat: chat = newValue
            }
        }
    }
}
