import Foundation
import LimnImage

/// The `limn-fake-router` command line, parsed into a configuration (kept here so it is tested
/// without a process).
public struct FakeRouterCommandLine: Sendable {
    /// The configuration the options describe (requests are not kept: nothing outside the process could read them).
    public var configuration = FakeRouterConfiguration(recordRequests: false)
    /// `--help` was given.
    public var showHelp = false
    /// `--answer MODEL=SHAPE` rules, in order: answer that model (a glob) in that shape.
    public var answers: [(model: String, answer: FakeAnswer)] = []

    /// The shapes `--answer` can name.
    public static let answerNames: [String: FakeAnswer] = [
        "images-b64": .imagesB64, "images-url": .imagesURL(), "images-url-mime": .imagesURL(mimeType: true),
        "images-stream": .imagesStream(), "multipart": .multipart(.dataURI), "multipart-url": .multipart(.url),
        "multipart-base64": .multipart(.bareBase64), "text": .text(), "markdown-image": .markdown(.dataURI),
        "markdown-url": .markdown(.url), "task-text": .taskText(.chinese), "task-text-en": .taskText(.english),
        "message-images": .messageImages(), "chat-stream": .chatStream(.markdown), "chat-stream-images": .chatStream(.deltaImages),
        "gemini-inline": .geminiInline(.camelCase), "gemini-inline-snake": .geminiInline(.snakeCaseWithThought),
        "gemini-text": .geminiText(.dataURI), "gemini-text-url": .geminiText(.url), "gemini-stream": .geminiStream(),
    ]

    /// The usage text.
    public static let usage = """
        usage: limn-fake-router [--port N] [--host ADDR] [--latency-ms N] [--image-size WxH]
                                [--format png|jpeg|webp] [--noise] [--key KEY] [--chunked]

        Serves the router shapes of router-shapes.md on HTTP until SIGTERM or SIGINT.
        The first line on stdout is the base URL (http://127.0.0.1:PORT/v1).

          --port N           listen on N (default: a free port)
          --host ADDR        bind ADDR (default 127.0.0.1)
          --latency-ms N     wait N ms before every API answer
          --image-size WxH   serve every image at this size (default: the request's size, else 64x64)
          --format F         serve every image as png, jpeg or webp (default: the request's output_format, else png)
          --noise            incompressible noise images (about 4 MB as a 1024x1024 PNG)
          --key KEY          answer 401 unless requests carry KEY
          --chunked          send bodies with chunked transfer encoding
          --answer M=SHAPE   answer model M (a glob) in SHAPE, e.g. --answer 'shape-*=multipart';
                             shapes: images-b64 images-url images-url-mime images-stream multipart
                             multipart-url multipart-base64 text markdown-image markdown-url task-text
                             task-text-en message-images chat-stream chat-stream-images gemini-inline
                             gemini-inline-snake gemini-text gemini-text-url gemini-stream
        """

    /// Parses `arguments` (without the program name).
    /// - Throws: `FakeRouterError` naming the bad option.
    public init(arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ option: String) throws -> String {
            guard let next = rest.popFirst() else { throw FakeRouterError("\(option) needs a value") }
            return next
        }
        while let option = rest.popFirst() {
            switch option {
            case "--port":
                guard let port = Int(try value(option)), (0...65535).contains(port) else { throw FakeRouterError("--port needs 0…65535") }
                configuration.port = port
            case "--host":
                configuration.bindHost = try value(option)
            case "--latency-ms":
                guard let ms = Int(try value(option)), ms >= 0 else { throw FakeRouterError("--latency-ms needs a whole number ≥ 0") }
                configuration.latency = .milliseconds(ms)
            case "--image-size":
                guard let size = FakeImageSize(parsing: try value(option)) else { throw FakeRouterError("--image-size needs WxH, e.g. 1024x1024") }
                configuration.imageSize = size
            case "--format":
                let name = try value(option)
                guard let format = ImageFormat(mime: name), format != .gif else { throw FakeRouterError("--format needs png, jpeg or webp, not \(name)") }
                configuration.imageFormat = format
            case "--noise":
                configuration.noise = true
            case "--key":
                configuration.requiredKey = try value(option)
            case "--chunked":
                configuration.chunked = true
            case "--answer":
                let rule = try value(option)
                guard let eq = rule.firstIndex(of: "="), let answer = Self.answerNames[String(rule[rule.index(after: eq)...])] else {
                    throw FakeRouterError("--answer needs MODEL=SHAPE with a shape from the usage text, not \(rule)")
                }
                answers.append((String(rule[..<eq]), answer))
            case "--help", "-h":
                showHelp = true
            default:
                throw FakeRouterError("unknown option \(option)")
            }
        }
    }
}
