// swift-tools-version: 5.4
// 5.4, not later: from 5.5 on Linux, SwiftPM renames an executable's entry point and links
// `main` to it, which collides with the `main` that libFuzzer brings.
// libFuzzer targets for RunbookKit, in a package of their own so that the main package's
// builds never carry the fuzzer and AddressSanitizer. Build and run them with `make fuzz`
// (long campaigns) or `make fuzz-smoke` (seconds each, part of `make test`); see Fuzz/README.md.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which is whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let targets = [
    "FuzzTenantURL", "FuzzTenantList", "FuzzMarkdownEscaping", "FuzzRunbookCustomer", "FuzzSCIMResponses", "FuzzExplain",
]

let package = Package(
    name: "RunbookFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "RunbookKit", package: root)])
    ]
        + targets.map { name in
            // Only the target that verifies links RunbookVerify, and with it NIO and X509.
            let verify: [Target.Dependency] = name == "FuzzSCIMResponses" ? [.product(name: "RunbookVerify", package: root)] : []
            return .executableTarget(
                name: name, dependencies: ["FuzzSupport", .product(name: "RunbookKit", package: root)] + verify)
        }
)
