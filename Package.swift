// swift-tools-version:6.0
import PackageDescription

// Limn: a scripting host for image-generation workflows.
// A thin `limn` executable over libraries: LimnImage (codecs, metadata, pixels),
// LimnRouter (requests, transports, shapes), LimnOffline (the in-process router),
// LimnLua (the Lua 5.4 host, bindings and scheduler).

// Start-up (docs/performance.md): the linker lays out first the functions a run executes
// (Sources/limn/startup.order, made by scripts/order-startup.sh), so starting touches 4 MB of
// the binary's code, not 8.5 MB. swiftc gives every function its own section already; our C
// gets them here.
let sectionedC: [CSetting] = [.unsafeFlags(["-ffunction-sections"], .when(platforms: [.linux], configuration: .release))]
let package = Package(
    name: "Limn",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "limn", targets: ["limn"]),
        .library(name: "LimnLua", targets: ["LimnLua"]),
        .library(name: "LimnRouter", targets: ["LimnRouter"]),
        .library(name: "LimnImage", targets: ["LimnImage"]),
        // Also used by the fuzz targets in Fuzz/.
        .library(name: "LimnConfig", targets: ["LimnConfig"]),
        .library(name: "LimnRecord", targets: ["LimnRecord"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // System libraries from Debian (scripts/setup.sh installs them).
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        .systemLibrary(name: "CGIF", providers: [.apt(["libgif-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libdeflate's CRC-32 folds with carry-less multiplies: several times zlib's speed.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // Our own C: Lua macro wrappers, the allocator and the raise/yield trampoline.
        .target(name: "CLuaShim", dependencies: ["CLua"], cSettings: sectionedC),

        // C: libpng's classic row-by-row reader, whose longjmp errors must stay inside C.
        .target(name: "CImageShim", dependencies: ["CPNG", "CDeflate"], cSettings: sectionedC),
        .target(name: "LimnImage", dependencies: ["CPNG", "CImageShim", "CTurboJPEG", "CWebP", "CGIF", "CCrypto", "CZlib", "CDeflate"],
                linkerSettings: [
                    // SHA-256 only: from libcrypto's archive that is three objects (the SHA-NI
                    // block function among them), where the shared library costs every start
                    // 0.5 ms and 1.5 MB of relocated pages (docs/performance.md).
                    .linkedLibrary(":libcrypto.a", .when(platforms: [.linux])),
                    .linkedLibrary("crypto", .when(platforms: [.macOS])),
                ]),
        .target(name: "CFastBytes", cSettings: sectionedC),
        .target(name: "LimnRouter", dependencies: ["LimnImage", "CFastBytes"]),
        .target(name: "LimnOffline", dependencies: ["LimnRouter", "LimnImage"]),
        .target(name: "LimnLua", dependencies: ["CLua", "CLuaShim", "LimnRouter", "LimnImage"]),
        // The live transport (AsyncHTTPClient).
        .target(name: "LimnHTTP", dependencies: [
            "LimnRouter",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // limn.toml, environment, presets; and `limn probe`.
        .target(name: "LimnConfig", dependencies: [
            "LimnRouter",
        ]),
        // Record and replay as a transport wrapper.
        .target(name: "LimnRecord", dependencies: ["LimnRouter", "LimnImage"]),
        // The content-addressed image store, the SQLite history and the manifest.
        .target(name: "LimnHistory", dependencies: [
            "LimnRouter", "LimnImage", "CSQLite",
        ]),
        // Shared by tests and users: the fake router serving recorded shapes over real HTTP.
        .target(name: "LimnTesting", dependencies: [
            "LimnRouter", "LimnImage",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], resources: [.copy("Fixtures")]),
        .executableTarget(name: "limn", dependencies: [
            "LimnLua", "LimnRouter", "LimnOffline", "LimnImage", "LimnHTTP", "LimnConfig", "LimnRecord", "LimnHistory",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["startup.order"], linkerSettings: [
            // Start-up (docs/performance.md): lld packs the executable's 139k relative
            // relocations (RELR, glibc 2.36+) and the executable exports no symbols, so the
            // loader reads 2.8 MB less relocation table and hashes none of our names: about
            // 5 MB less resident at start. It stays position-independent.
            .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                          "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
            .unsafeFlags(["-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/limn/startup.order",
                          "-Xlinker", "--no-warn-symbol-ordering"], .when(platforms: [.linux], configuration: .release)),
        ]),
        // The fake router as a process, for benchmarks and manual runs.
        .executableTarget(name: "limn-fake-router", dependencies: ["LimnTesting", "LimnRouter"]),

        .testTarget(name: "LimnImageTests", dependencies: ["LimnImage"]),
        .testTarget(name: "LimnRouterTests", dependencies: ["LimnRouter"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LimnOfflineTests", dependencies: ["LimnOffline", "LimnRouter", "LimnImage"]),
        .testTarget(name: "LimnLuaTests", dependencies: ["LimnLua", "LimnOffline", "LimnRouter", "LimnImage"]),
        .testTarget(name: "LimnHTTPTests", dependencies: ["LimnHTTP", "LimnTesting", "LimnRouter", "LimnImage"]),
        .testTarget(name: "LimnConfigTests", dependencies: ["LimnConfig", "LimnRouter", "LimnTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LimnRecordTests", dependencies: ["LimnRecord", "LimnRouter", "LimnImage"]),
        .testTarget(name: "LimnHistoryTests", dependencies: ["LimnHistory", "LimnRouter", "LimnImage"]),
        .testTarget(name: "LimnCLITests", dependencies: ["limn"]),
    ]
)
