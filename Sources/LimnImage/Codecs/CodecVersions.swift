import CDeflate
import CGIF
import CPNG
import CTurboJPEG
import CWebP
import CZlib

/// The versions of the codec libraries Limn is linked with, for `limn --version`.
public enum CodecVersions {
    /// `libpng 1.6.39, libjpeg-turbo 2.1.5, libwebp 1.2.4, giflib 5.2.1, zlib 1.2.13, libdeflate 1.14`.
    public static var summary: String {
        all.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
    }

    /// Name and version of each library; libwebp and zlib report the loaded library, libpng,
    /// libjpeg-turbo, giflib and libdeflate the headers built against.
    public static var all: [(name: String, version: String)] {
        let jpeg = Int(LIBJPEG_TURBO_VERSION_NUMBER)
        let webp = Int(WebPGetDecoderVersion())
        return [
            ("libpng", PNG_LIBPNG_VER_STRING),
            ("libjpeg-turbo", "\(jpeg / 1_000_000).\(jpeg / 1000 % 1000).\(jpeg % 1000)"),
            ("libwebp", "\(webp >> 16).\((webp >> 8) & 0xff).\(webp & 0xff)"),
            ("giflib", "\(GIFLIB_MAJOR).\(GIFLIB_MINOR).\(GIFLIB_RELEASE)"),
            ("zlib", String(cString: zlibVersion())),
            ("libdeflate", LIBDEFLATE_VERSION_STRING),
        ]
    }
}
