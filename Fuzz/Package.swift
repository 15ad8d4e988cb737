// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets over the code that reads outside input: router answers, image files,
// data URIs, multipart bodies, limn.toml and cassette indexes. Built and run by
// scripts/fuzz.sh with `-sanitize=fuzzer,address`; not part of the main package or .ci/run.
// Each target is an executable whose main.swift hands its test function to libFuzzer's driver.
let targets = ["FuzzJSON", "FuzzShapes", "FuzzDataURI", "FuzzMultipart",
               "FuzzPNG", "FuzzJPEG", "FuzzWebP", "FuzzGIF", "FuzzConfig", "FuzzCassette", "FuzzBodyCollector"]

let package = Package(
    name: "LimnFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Limn", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .target(name: "FuzzSupport", dependencies: [.product(name: "LimnImage", package: "Limn")]),
    ] + targets.map { name in
        .executableTarget(name: name, dependencies: [
            "FuzzDriver", "FuzzSupport",
            .product(name: "LimnRouter", package: "Limn"),
            .product(name: "LimnImage", package: "Limn"),
            .product(name: "LimnConfig", package: "Limn"),
            .product(name: "LimnRecord", package: "Limn"),
        ])
    }
)
