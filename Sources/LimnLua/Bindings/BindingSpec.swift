/// One binding declared once: its name, parameters, result and an example. The argument
/// checks, `limn docs` (Markdown reference) and `limn docs --stub` (LuaCATS) derive from it.
public struct BindingSpec: Sendable {
    /// One named option of a binding's table argument.
    public struct Parameter: Sendable {
        public let name: String
        /// A LuaCATS type (`string`, `integer`, `Image|string`, …).
        public let type: String
        public let doc: String
        init(_ name: String, _ type: String, _ doc: String) {
            self.name = name
            self.type = type
            self.doc = doc
        }
    }

    /// The global or `limn.` name.
    public let name: String
    /// One line.
    public let summary: String
    /// Positional forms, as shown in docs (`generate{ prompt, … }`).
    public let signature: String
    /// Named options.
    public let parameters: [Parameter]
    /// What it returns (LuaCATS type).
    public let returns: String
    /// A short example.
    public let example: String

    /// The known option names.
    public var parameterNames: [String] { parameters.map(\.name) }
}

extension BindingSpec {
    static let common: [Parameter] = [
        Parameter("model", "string", "the model name as the router knows it (default from config)"),
        Parameter("via", "\"images\"|\"chat\"|\"gemini\"", "force a route instead of the model's default"),
        Parameter("timeout", "number", "seconds before the call is abandoned (default 600)"),
        Parameter("retries", "integer", "retries on 429/5xx/timeouts (default 3)"),
        Parameter("extra", "table", "merged into the request body as-is"),
    ]
    static let imageOptions: [Parameter] = [
        Parameter("n", "integer", "how many images (returned as multiple values)"),
        Parameter("size", "string", "\"1024x1024\", \"1536x1024\", \"auto\", …"),
        Parameter("quality", "string", "\"low\", \"medium\", \"high\", \"auto\""),
        Parameter("background", "string", "\"auto\", \"opaque\", \"transparent\""),
        Parameter("format", "\"png\"|\"jpeg\"|\"webp\"", "output format asked of the router"),
        Parameter("compression", "integer", "0–100, for jpeg and webp"),
    ]

    /// `generate{…}`
    public static let generate = BindingSpec(
        name: "generate", summary: "Generate images from a prompt.",
        signature: "generate{ prompt, … }",
        parameters: [Parameter("prompt", "string", "what to draw (or as the first item)")] + imageOptions + common,
        returns: "Image ...", example: #"local cat = generate{ "a cat under moonlight", size = "1024x1024" }"#)

    /// `edit{…}`
    public static let edit = BindingSpec(
        name: "edit", summary: "Edit one or more images with a prompt.",
        signature: "edit{ image = Image|path|{…}, prompt, … }",
        parameters: [
            Parameter("image", "Image|string|(Image|string)[]", "the image(s) to edit; paths are loaded"),
            Parameter("prompt", "string", "the edit to make (or as the first item)"),
            Parameter("mask", "Image|string", "PNG whose transparent pixels mark where to edit"),
            Parameter("fidelity", "string", "input fidelity: \"high\" or \"low\""),
        ] + imageOptions + common,
        returns: "Image ...", example: #"local wc = edit{ image = cat, prompt = "watercolor painting" }"#)

    /// `chat{…}`
    public static let chat = BindingSpec(
        name: "chat", summary: "Ask a chat model; strings and Images form the user turn.",
        signature: "chat{ text_or_image, …, … } or chat(\"text\")",
        parameters: [
            Parameter("system", "string", "a system prompt"),
            Parameter("messages", "{role: string, content: string|(string|Image)[]}[]", "earlier turns"),
            Parameter("max_tokens", "integer", "cap on the answer's length"),
            Parameter("temperature", "number", "sampling temperature"),
        ] + common,
        returns: "Reply", example: #"print(chat{ "Describe this picture.", img }.text)"#)

    /// `save(…)`
    public static let save = BindingSpec(
        name: "save", summary: "Write an Image (or a Reply's first image, or its text to .txt/.md) to a file, atomically.",
        signature: "save(image_or_reply, path [, opts])",
        parameters: [
            Parameter("format", "\"png\"|\"jpeg\"|\"webp\"", "convert to this format (default: from the extension)"),
            Parameter("quality", "integer", "1–100 for jpeg/webp conversion"),
            Parameter("metadata", "boolean", "embed the recipe metadata (default true); false keeps the exact bytes"),
            Parameter("overwrite", "boolean", "replace an existing file (default true)"),
        ],
        returns: "string", example: #"save(cat, "out/cat.png")"#)

    /// `image(…)`
    public static let image = BindingSpec(
        name: "image", summary: "Load an Image from a path, a URL or a data URI, validated.",
        signature: "image(path_or_url_or_data_uri)", parameters: [],
        returns: "Image", example: #"local photo = image("photo.jpg")"#)

    /// Every binding with options, by name.
    public static let all: [BindingSpec] = [generate, edit, chat, save, image]
}
