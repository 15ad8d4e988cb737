import LimnImage

/// Draws the image for a generation prompt: shapes, noise or a pattern, deterministically.
///
/// The seed is the prompt plus the image's index in the request, so the n images of one request
/// differ from each other, and the same request always gives the same pixels.
public enum SceneRenderer {
    /// Renders `prompt` at `width`×`height`; `index` is the image's position in a request of n.
    /// With `transparent`, background pixels are fully transparent.
    public static func render(prompt: String, width: Int, height: Int, index: Int = 0,
                              transparent: Bool = false) -> PixelBuffer {
        let scene = PromptScene(prompt: prompt)
        var random = SeededRandom(text: prompt, salt: UInt64(index))
        if scene.isNoise {
            return NoiseRenderer.render(width: width, height: height, random: &random)
        }
        if !scene.shapes.isEmpty {
            return ShapeRenderer.render(scene, width: width, height: height, variant: index,
                                        random: &random, transparent: transparent)
        }
        let palette = Palette(named: scene.palette, random: &random)
        return PatternRenderer.render(palette: palette, width: width, height: height,
                                      random: &random, transparent: transparent)
    }
}
