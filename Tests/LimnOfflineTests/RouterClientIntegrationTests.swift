import Foundation
import LimnImage
import LimnRouter
import Testing
@testable import LimnOffline

/// The offline provider behind Limn's real client: every call takes the production path
/// (route table, request builder, transport, shape classification, image validation).
@Suite struct RouterClientIntegrationTests {
    static let client = RouterClient(provider: OfflineRouter.provider, transport: Offline.router)

    static func options(size: String = "256x256") -> CallOptions {
        var options = CallOptions()
        options.size = size
        return options
    }

    @Test func theWatercolorRecipe() async throws {
        let cat = try await Self.client.perform(Call(operation: .generate, model: "gpt-image-1",
                                                     prompt: "a cat running under moonlight, cyberpunk style", options: Self.options()))
        #expect(cat.route == .images)
        let catImage = try #require(cat.images.first)
        #expect(catImage.shape == .imagesB64)
        #expect(catImage.image.width == 256 && catImage.image.format == .png)

        let watercolor = try await Self.client.perform(Call(operation: .edit, model: "gpt-image-1",
                                                            prompt: "Convert this image to watercolor painting style",
                                                            images: [InputImage(image: catImage.image)]))
        let wcImage = try #require(watercolor.images.first)
        #expect(wcImage.image.sha256 != catImage.image.sha256)
        #expect(wcImage.image.width == 256)

        let described = try await Self.client.perform(Call(operation: .chat, model: "gpt-4o", messages: [
            ChatMessage(role: "user", parts: [.text("Describe this picture in one sentence."), .image(InputImage(image: wcImage.image))]),
        ]))
        #expect(described.route == .chat)
        #expect(described.reply.shape == .text)
        #expect(described.reply.text.contains("One image: a 256×256 PNG"))
    }

    @Test func geminiImageModelsAnswerInline() async throws {
        let result = try await Self.client.perform(Call(operation: .generate, model: "gemini-2.5-flash-image",
                                                        prompt: "a red square on a white background"))
        #expect(result.route == .gemini)
        let image = try #require(result.images.first)
        #expect(image.shape == .geminiInline)
        let pixels = try image.image.decode()
        #expect(pixels[pixels.width / 2, pixels.height / 2] == RGBA(255, 0, 0))
    }

    @Test func chatImageModelsAnswerWithMarkdownImages() async throws {
        let generated = try await Self.client.perform(Call(operation: .generate, model: "gpt-4o-image",
                                                           prompt: "a blue circle on black", options: Self.options()))
        #expect(generated.route == .chat)
        #expect(generated.images.first?.shape == .markdownImage)

        let input = InputImage(image: try Offline.png(Offline.sample()))
        let edited = try await Self.client.perform(Call(operation: .edit, model: "gpt-4o", prompt: "Convert it to grayscale",
                                                        images: [input]))
        let pixels = try #require(edited.images.first).image.decode()
        #expect(pixels == EditEffect.grayscale.apply(to: Offline.sample()))
    }

    @Test func plainChatModelsAnswerInTextSoGenerateHasNoImage() async throws {
        do {
            _ = try await Self.client.perform(Call(operation: .generate, model: "gpt-4o", prompt: "a cat on a sofa"))
            Issue.record("gpt-4o answered generate with an image")
        } catch {
            #expect(error.kind == .noImage)
            #expect(error.reply?.reply.text.contains("Offline reply") == true)
        }
    }

    @Test func maskedEditThroughTheClient() async throws {
        let input = Offline.sample(width: 64, height: 64)
        let mask = EditComposerTests.halfMask(width: 64, height: 64)
        let result = try await Self.client.perform(Call(operation: .edit, model: "gpt-image-1", prompt: "invert",
                                                        images: [InputImage(image: try Offline.png(input))],
                                                        mask: InputImage(image: try Offline.png(mask))))
        let pixels = try #require(result.images.first).image.decode()
        #expect(pixels[10, 10] == input[10, 10])
        #expect(pixels[50, 10].g == 255 - input[50, 10].g)
    }
}
