// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "runbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "runbook", targets: ["runbook"]),
        .library(name: "RunbookKit", targets: ["RunbookKit"]),
    ],
    dependencies: [
        // Command-line parsing, help and shell completions for `RunbookCLI` only.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Logic-less templates with pluggable content types (our Markdown escaping).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // SHA-256 for Content-Security-Policy hashes of the inline CSS.
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev share one pkg-config name.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "RunbookKit",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("../../Templates")]
        ),
        .target(
            name: "RunbookCLI",
            dependencies: [
                "RunbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "runbook", dependencies: ["RunbookCLI"]),
        .testTarget(
            name: "RunbookKitTests",
            dependencies: ["RunbookKit"]
        ),
        .testTarget(
            name: "RunbookCLITests",
            dependencies: ["RunbookKit", "runbook"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
