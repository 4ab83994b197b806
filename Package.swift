// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "runbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "runbook", targets: ["runbook"]),
        .library(name: "RunbookKit", targets: ["RunbookKit"]),
        .library(name: "RunbookVerify", targets: ["RunbookVerify"]),
    ],
    dependencies: [
        // Command-line parsing, help and shell completions for `RunbookCLI` only.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Logic-less templates with pluggable content types (our Markdown escaping).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // SHA-256 for Content-Security-Policy hashes and token fingerprints.
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        // HTTP for `verify`: redirects off, timeouts, custom trust roots, TLS 1.2 minimum.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The transport check's own TLS handshake (NIOSSL) and a fake server in tests.
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        // Reading the server certificate's issuer, names, dates and key (with swift-crypto's
        // _CryptoExtras for RSA) for the transport diagnosis.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.0.0"),
        // DER, for the one certificate swift-certificates will not parse: an RSA key under 2,048 bits.
        .package(url: "https://github.com/apple/swift-asn1", from: "1.0.0"),
        // Streaming CSV for batches of tenants: RFC 4180 quoting, a byte-order mark, no file in memory.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
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
                .product(name: "CSV", package: "CSV.swift"),
            ],
            resources: [.copy("../../Templates")]
        ),
        // `runbook verify`: the only target that imports NIO, AsyncHTTPClient and X509, so the
        // rest of the library, and the fuzz targets that never verify, do without them.
        .target(
            name: "RunbookVerify",
            dependencies: [
                "RunbookKit",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "RunbookCLI",
            dependencies: [
                "RunbookKit", "RunbookVerify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "runbook", dependencies: ["RunbookCLI"]),
        // What both test targets share: the repository's folders, the derivation vectors, and
        // temporary folders that go when a test ends.
        .target(
            name: "RunbookTestSupport",
            path: "Tests/RunbookTestSupport"
        ),
        .testTarget(
            name: "RunbookKitTests",
            dependencies: ["RunbookKit", "RunbookVerify", "RunbookTestSupport"]
        ),
        .testTarget(
            name: "RunbookCLITests",
            dependencies: [
                "RunbookKit", "RunbookVerify", "runbook", "RunbookTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
