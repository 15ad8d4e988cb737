// swift-tools-version:6.0
import PackageDescription

// Limn: a scripting host for image-generation workflows.
// A thin `limn` executable over libraries: LimnImage (codecs, metadata, pixels),
// LimnRouter (requests, transports, shapes), LimnOffline (the in-process router),
// LimnLua (the Lua 5.4 host, bindings and scheduler).
let package = Package(
    name: "Limn",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "limn", targets: ["limn"]),
        .library(name: "LimnLua", targets: ["LimnLua"]),
        .library(name: "LimnRouter", targets: ["LimnRouter"]),
        .library(name: "LimnImage", targets: ["LimnImage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries from Debian (scripts/setup.sh installs them).
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        .systemLibrary(name: "CGIF", providers: [.apt(["libgif-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // Our own C: Lua macro wrappers, the allocator and the raise/yield trampoline.
        .target(name: "CLuaShim", dependencies: ["CLua"]),

        .target(name: "LimnImage", dependencies: ["CPNG", "CTurboJPEG", "CWebP", "CGIF", "CCrypto"]),
        .target(name: "LimnRouter", dependencies: ["LimnImage"]),
        .target(name: "LimnOffline", dependencies: ["LimnRouter", "LimnImage"]),
        .target(name: "LimnLua", dependencies: ["CLua", "CLuaShim", "LimnRouter", "LimnImage"]),
        .executableTarget(name: "limn", dependencies: [
            "LimnLua", "LimnRouter", "LimnOffline", "LimnImage",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "LimnImageTests", dependencies: ["LimnImage"]),
        .testTarget(name: "LimnRouterTests", dependencies: ["LimnRouter"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LimnOfflineTests", dependencies: ["LimnOffline", "LimnRouter", "LimnImage"]),
        .testTarget(name: "LimnLuaTests", dependencies: ["LimnLua", "LimnOffline", "LimnRouter", "LimnImage"]),
    ]
)
