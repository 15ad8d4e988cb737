import Foundation
import LimnImage

/// Server-sent event answers: Images streaming (`*.partial_image` / `*.completed`, router-shapes
/// §6.3), chat chunks (`delta.content`, `delta.images`, §7.1), Gemini chunks (§4, often with no
/// `[DONE]`), and an `error` object arriving mid-stream (§6.4).
enum StreamShape {
    static func normalize(_ body: Data, context: ShapeContext) throws(RouterError) -> NormalizedReply {
        let events = ServerSentEvents.parse(body)
        var completed: [ImageCandidate] = []
        var partials = 0
        var chatText = ""
        var chatImages: [JSONValue] = []
        var chatMessage = JSONObject()  // id, model, finish_reason, usage as the chunks give them
        var geminiParts: [JSONValue] = []
        var geminiMeta = JSONObject()
        var sawChat = false, sawGemini = false, sawImages = false
        var imageUsage: JSONValue?
        var last: JSONValue?
        for (index, event) in events.enumerated() {
            if event.data.starts(with: Data("[DONE]".utf8)) { break }
            if event.data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }) { continue }
            let json: JSONValue
            do {
                json = try JSONValue.parse(event.data, maxDepth: context.limits.maxJSONDepth, spansFrom: ResponseNormalizer.spanMinimum)
            } catch {
                if error.kind == .tooDeep {
                    throw RouterLimits.exceeded("event \(index + 1) of the stream nests arrays and objects more than \(context.limits.maxJSONDepth) deep",
                                                key: "json_depth", limit: context.limits.maxJSONDepth)
                }
                if !event.complete || error.kind == .truncated {
                    throw RouterError(.decode, "the event stream was cut off in event \(index + 1): \(error)", status: context.status,
                                      route: context.route, requestID: ErrorClassifier.requestID(in: context.headers), retryable: true)
                }
                throw context.shapeError("event \(index + 1) of the stream is not JSON: \(error)")
            }
            if let failure = ErrorClassifier.error(in: json, context: context) { throw failure }
            last = json
            let type = json["type"]?.stringValue ?? event.name ?? ""
            if type.hasSuffix("partial_image") {
                partials += 1
                sawImages = true
            } else if type.hasSuffix(".completed"), let b64 = [json["b64_json"], json["result"]].lazy.compactMap({ $0 }).first(where: \.isString) {
                let bytes = try Base64Image.decode(b64, field: "stream event \(index + 1) (\(type)).b64_json", context: context)
                let stated = json["output_format"]?.stringValue.flatMap { ImageFormat(mime: $0) }
                completed.append(.bytes(bytes, mime: (stated ?? ImageFormat.sniff(bytes))?.mime))
                imageUsage = json["usage"] ?? imageUsage
                sawImages = true
            } else if let choices = json["choices"]?.arrayValue {
                sawChat = true
                for key in ["id", "model", "usage"] where json[key] != nil && json[key] != .null { chatMessage[key] = json[key] }
                for choice in choices {
                    let delta = choice["delta"] ?? choice["message"] ?? .null
                    if let text = delta["content"]?.stringValue { chatText += text }
                    if case .array(let parts)? = delta["content"] {
                        for part in parts {
                            if let text = part["text"]?.stringValue { chatText += text } else { chatImages.append(part) }
                        }
                    }
                    chatImages += delta["images"]?.arrayValue ?? []
                    if let reason = choice["finish_reason"], reason != .null { chatMessage["finish_reason"] = reason }
                }
            } else if let candidates = json["candidates"]?.arrayValue {
                sawGemini = true
                for key in ["responseId", "modelVersion", "usageMetadata"] where json[key] != nil { geminiMeta[key] = json[key] }
                for candidate in candidates {
                    geminiParts += candidate["content"]?["parts"]?.arrayValue ?? []
                    if let reason = candidate["finishReason"] { geminiMeta["finishReason"] = reason }
                }
            } else if let items = json["data"]?.arrayValue {
                var reply = try ImagesShape.normalize(json, items: items, context: context)
                reply.shape = reply.shape == .imagesB64 ? .imagesStream : reply.shape
                return reply
            }
        }
        if sawImages {
            guard !completed.isEmpty else {
                throw RouterError(.decode, "the image stream ended before its completed event (\(partials) partial images received)",
                                  status: context.status, route: context.route,
                                  requestID: ErrorClassifier.requestID(in: context.headers), retryable: true)
            }
            return NormalizedReply(shape: .imagesStream, images: completed, revisedPrompts: completed.map { _ in nil },
                                   usage: imageUsage, raw: last)
        }
        if sawChat {
            var message: JSONObject = ["role": "assistant", "content": .string(chatText)]
            if !chatImages.isEmpty { message["images"] = .array(chatImages) }
            var choice: JSONObject = ["index": 0, "message": .object(message)]
            choice["finish_reason"] = chatMessage["finish_reason"]
            var merged = JSONObject()
            merged["id"] = chatMessage["id"]
            merged["model"] = chatMessage["model"]
            merged["choices"] = [.object(choice)]
            merged["usage"] = chatMessage["usage"]
            var reply = try ChatShape.normalize(.object(merged), choices: [.object(choice)], context: context)
            reply.raw = last
            return reply
        }
        if sawGemini {
            var candidate: JSONObject = ["content": ["role": "model", "parts": .array(mergeText(geminiParts))]]
            candidate["finishReason"] = geminiMeta["finishReason"]
            var merged: JSONObject = ["candidates": [.object(candidate)]]
            for key in ["responseId", "modelVersion", "usageMetadata"] { merged[key] = geminiMeta[key] }
            var reply = try GeminiShape.normalize(.object(merged), candidates: [.object(candidate)], context: context)
            reply.raw = last
            return reply
        }
        throw context.shapeError(events.isEmpty ? "the event stream holds no events"
                                                : "the event stream holds no image, chat or Gemini events (\(events.count) events)")
    }

    /// Adjacent non-thought text parts joined, so a Markdown image split across chunks reads whole.
    private static func mergeText(_ parts: [JSONValue]) -> [JSONValue] {
        var out: [JSONValue] = []
        for part in parts {
            if let text = part["text"]?.stringValue, part["thought"] != .bool(true), part.objectValue?.count == 1,
               let previous = out.last?["text"]?.stringValue, out.last?.objectValue?.count == 1 {
                out[out.count - 1] = ["text": .string(previous + text)]
            } else {
                out.append(part)
            }
        }
        return out
    }
}
