import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnOffline

@Suite struct ImagesGenerationsTests {
    @Test func redSquareOverHTTP() async throws {
        let response = try await Offline.generate("a red square on a white background")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        let pixels = try Offline.firstPixels(response)
        #expect(pixels.width == 1024 && pixels.height == 1024)
        #expect(pixels[512, 512] == RGBA(255, 0, 0))
        #expect(pixels[0, 0] == .white && pixels[1023, 1023] == .white)
    }

    @Test func responseHasTheOpenAIShape() async throws {
        let json = try Offline.json(try await Offline.generate("a blue circle on black", [("size", "256x256")]))
        #expect(json["created"]?.intValue == 1_700_000_000)
        #expect(json["output_format"]?.stringValue == "png")
        #expect(json["size"]?.stringValue == "256x256")
        #expect(json["background"]?.stringValue == "opaque")
        #expect(json["data"]?[0]?["revised_prompt"]?.stringValue?.contains("a blue circle on a black background") == true)
        #expect(json["usage"]?["output_tokens"]?.intValue == 256 * 256 / 252)
        #expect(json["usage"]?["total_tokens"]?.intValue ?? 0 > json["usage"]?["output_tokens"]?.intValue ?? 0)
    }

    @Test func limnReadsItAsImagesB64() async throws {
        let response = try await Offline.generate("a cat", [("size", "64x64"), ("n", 2)])
        let reply = try ResponseNormalizer.normalize(response: response, route: .images, operation: .generate)
        #expect(reply.shape == .imagesB64)
        #expect(reply.images.count == 2)
    }

    @Test func sameRequestSameBytesDifferentPromptDifferentBytes() async throws {
        let a = try await Offline.generate("a cat running under moonlight", [("size", "256x256")])
        let b = try await Offline.generate("a cat running under moonlight", [("size", "256x256")])
        let c = try await Offline.generate("a cat running under sunlight", [("size", "256x256")])
        #expect(a.body == b.body)
        #expect(try Offline.images(a).map(\.sha256) != Offline.images(c).map(\.sha256))
    }

    @Test func nImagesDifferFromEachOther() async throws {
        let images = try Offline.images(try await Offline.generate("a lighthouse", [("size", "128x128"), ("n", 3)]))
        #expect(images.count == 3)
        #expect(Set(images.map(\.sha256)).count == 3)
        // Made concurrently, returned in index order.
        for (index, image) in images.enumerated() {
            #expect(try image.decode() == SceneRenderer.render(prompt: "a lighthouse", width: 128, height: 128, index: index))
        }
    }

    @Test(arguments: [("jpeg", ImageFormat.jpeg), ("webp", .webp), ("png", .png)])
    func sizeAndFormatAreHonoured(name: String, format: ImageFormat) async throws {
        let response = try await Offline.generate("a green triangle", [("size", "320x200"), ("output_format", .string(name))])
        let image = try #require(try Offline.images(response).first)
        #expect(image.format == format)
        #expect(image.width == 320 && image.height == 200)
        #expect(try Offline.json(response)["output_format"]?.stringValue == name)
    }

    @Test func autoSizeIsSquare1024() async throws {
        let image = try #require(try Offline.images(try await Offline.generate("stars", [("size", "auto")])).first)
        #expect(image.width == 1024 && image.height == 1024)
    }

    @Test func compressionLowersJPEGQuality() async throws {
        let low = try Offline.images(try await Offline.generate("a garden", [("size", "256x256"), ("output_format", "jpeg"), ("output_compression", 10)]))
        let high = try Offline.images(try await Offline.generate("a garden", [("size", "256x256"), ("output_format", "jpeg"), ("output_compression", 95)]))
        #expect(try #require(low.first).bytes.count < (try #require(high.first)).bytes.count)
    }

    @Test func transparentBackground() async throws {
        let response = try await Offline.generate("a red circle", [("size", "100x100"), ("background", "transparent")])
        let pixels = try Offline.firstPixels(response)
        #expect(pixels[0, 0].a == 0)
        #expect(pixels[50, 50] == RGBA(255, 0, 0))
        #expect(try Offline.json(response)["background"]?.stringValue == "transparent")
        let jpeg = try await Offline.generate("a red circle", [("background", "transparent"), ("output_format", "jpeg")])
        #expect(jpeg.status == 400)
    }

    @Test func noiseDoesNotCompress() async throws {
        let response = try await Offline.generate("random noise 7", [("size", "2048x2048")])
        let image = try #require(try Offline.images(response).first)
        #expect(image.width == 2048 && image.height == 2048)
        #expect(image.bytes.count >= 12_000_000)
        #expect(Double(image.bytes.count) >= 0.75 * Double(2048 * 2048 * 3))
        let small7 = try Offline.images(try await Offline.generate("random noise 7", [("size", "128x128")]))
        let small8 = try Offline.images(try await Offline.generate("random noise 8", [("size", "128x128")]))
        #expect(small7.map(\.sha256) != small8.map(\.sha256))
    }

    @Test(arguments: [
        (#"{"model":"gpt-image-1"}"#, "missing_required_parameter"),
        (#"{"model":"gpt-image-1","prompt":"   "}"#, "missing_required_parameter"),
        (#"{"prompt":"a cat","size":"huge"}"#, "invalid_value"),
        (#"{"prompt":"a cat","n":0}"#, "invalid_value"),
        (#"{"prompt":"a cat","output_format":"gif"}"#, "invalid_value"),
        (#"{"prompt": "a cat""#, "invalid_json"),
        (#"["a cat"]"#, "invalid_json"),
    ])
    func badRequestsGetOpenAIErrors(body: String, code: String) async throws {
        let response = try await Offline.post("/v1/images/generations", body: Data(body.utf8))
        #expect(response.status == 400)
        let error = try Offline.json(response)["error"]
        #expect(error?["type"]?.stringValue == "invalid_request_error")
        #expect(error?["code"]?.stringValue == code)
        #expect(error?["message"]?.stringValue?.isEmpty == false)
    }
}

@Suite struct ImagesEditsTests {
    @Test(arguments: ["Convert this image to watercolor painting style", "grayscale", "sepia", "invert", "pixelate", "pencil sketch", "add a hat"])
    func editsChangePixels(prompt: String) async throws {
        let input = Offline.sample(width: 120, height: 80)
        let response = try await Offline.edit(Offline.editForm(prompt: prompt, images: [try Offline.png(input)]))
        #expect(response.status == 200)
        let output = try Offline.firstPixels(response)
        #expect(output.width == 120 && output.height == 80)
        #expect(Offline.differingPixels(input, output) > 120 * 80 / 4)
        #expect(output == EditEffect(prompt: prompt).apply(to: input, seed: SeededRandom.hash(prompt)))
    }

    @Test func maskKeepsOpaqueAreaByteIdentical() async throws {
        let input = Offline.sample(width: 90, height: 60)
        let mask = EditComposerTests.halfMask(width: 90, height: 60)
        let form = Offline.editForm(prompt: "make it sepia", images: [try Offline.png(input)], mask: try Offline.png(mask))
        let output = try Offline.firstPixels(try await Offline.edit(form))
        var changedLeft = 0, changedRight = 0
        for y in 0..<60 {
            for x in 0..<45 where output[x, y] != input[x, y] { changedLeft += 1 }
            for x in 45..<90 where output[x, y] != input[x, y] { changedRight += 1 }
        }
        #expect(changedLeft == 0, "pixels under the opaque half of the mask must be byte-identical")
        #expect(changedRight > 45 * 60 / 2)
    }

    @Test func severalImagesAreCombined() async throws {
        let red = try Offline.png(PixelBuffer(width: 40, height: 40, fill: RGBA(255, 0, 0)))
        let blue = try Offline.png(PixelBuffer(width: 40, height: 40, fill: RGBA(0, 0, 255)))
        let form = Offline.editForm(prompt: "grayscale", images: [red, blue], fields: [("size", "200x100")])
        let output = try Offline.firstPixels(try await Offline.edit(form))
        #expect(output.width == 200 && output.height == 100)
        #expect(output[50, 50] == RGBA(77, 77, 77))    // red's luma
        #expect(output[150, 50] == RGBA(29, 29, 29))   // blue's luma
    }

    @Test func jpegInputAndWebPOutput() async throws {
        let input = try EncodedImage.encode(Offline.sample(width: 64, height: 48), as: .jpeg)
        let form = Offline.editForm(prompt: "invert", images: [input], fields: [("output_format", "webp"), ("n", "2")])
        let response = try await Offline.edit(form)
        let images = try Offline.images(response)
        #expect(images.count == 2)
        #expect(images.allSatisfy { $0.format == .webp && $0.width == 64 && $0.height == 48 })
        let reply = try ResponseNormalizer.normalize(response: response, route: .images, operation: .edit)
        #expect(reply.shape == .imagesB64)
    }

    @Test func missingPartsAndBadImagesAre400() async throws {
        let noPrompt = try await Offline.edit(Offline.editForm(prompt: "", images: [try Offline.png(Offline.sample())]))
        #expect(noPrompt.status == 400)
        #expect(try Offline.json(noPrompt)["error"]?["param"]?.stringValue == "prompt")
        let noImage = try await Offline.edit(Offline.editForm(prompt: "sepia", images: []))
        #expect(try Offline.json(noImage)["error"]?["param"]?.stringValue == "image")
        var form = Offline.editForm(prompt: "sepia", images: [])
        form.append("image", filename: "x.png", contentType: "image/png", body: Data("not an image".utf8))
        let bad = try await Offline.edit(form)
        #expect(bad.status == 400)
        #expect(try Offline.json(bad)["error"]?["code"]?.stringValue == "invalid_image")
        let json = try await Offline.post("/v1/images/edits", json: ["prompt": "sepia"])
        #expect(json.status == 400)
    }
}
