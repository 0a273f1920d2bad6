// swift-tools-version:6.1
import PackageDescription

// One-way chain: CDiscount ← Markdown ← BrightspotsCore ← BrightspotsSite, BrightspotsStore ← BrightspotsServer ← brightspots (CLI).
let package = Package(
    name: "Brightspots",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "brightspots", targets: ["brightspots"]),
        .library(name: "BrightspotsCore", targets: ["BrightspotsCore"]),
        .library(name: "BrightspotsSite", targets: ["BrightspotsSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // FullFoundation only: with the default traits SwiftPM writes the trait defines in random
        // order and rebuilds all of Hummingbird on every manifest evaluation (shared/TOOLCHAIN.md).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        // Sessions and bcrypt password hashes for moderators.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // The submission queue and audit log in SQLite (Debian libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // SHA-256 for the build cache's content digests (already built for hummingbird-auth).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Services beside the server (session tidying, the file watcher); Hummingbird is built on it.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The C library discount (Debian libmarkdown2-dev). Only the Markdown target imports it.
        .systemLibrary(
            name: "CDiscount",
            pkgConfig: "libmarkdown",
            providers: [.apt(["libmarkdown2-dev"])]
        ),
        .target(name: "Markdown", dependencies: ["CDiscount"]),
        // renameat2(RENAME_EXCHANGE), which Glibc's Swift module does not expose: swaps a new site in whole.
        .target(name: "CAtomicSwap"),
        .target(
            name: "BrightspotsCore",
            dependencies: ["Markdown", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "BrightspotsSite",
            dependencies: [
                "BrightspotsCore", "CAtomicSwap",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                // The incremental build cache.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Submissions, moderator accounts, the audit log and login sessions, behind a protocol: SQLite through GRDB
        // for real, in memory for unit tests.
        .target(
            name: "BrightspotsStore",
            dependencies: [
                "BrightspotsCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // SHA-256 for backup manifests.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "BrightspotsServer",
            dependencies: [
                "BrightspotsSite", "BrightspotsStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "brightspots",
            dependencies: [
                "BrightspotsCore", "BrightspotsSite", "BrightspotsStore", "BrightspotsServer",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // mimalloc (Debian libmimalloc-dev) in place of glibc's malloc: a build allocates many small strings and
            // arrays from both cores, and a 10,000-entry build took 0.93× the time with it (docs/PERFORMANCE.md).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // The fuzz target (`make fuzz`: libFuzzer) and the invariants it checks, which the seeded tests check too.
        .target(name: "FuzzInvariants", dependencies: ["BrightspotsCore", "Markdown"]),
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "BrightspotsFuzz", dependencies: ["FuzzInvariants", "CFuzzerDriver"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "CoreTests", dependencies: ["BrightspotsCore", "FuzzInvariants"]),
        .testTarget(name: "StoreTests", dependencies: ["BrightspotsStore"]),
        // Site tests read their fixture folders through #filePath so golden files can be regenerated in place.
        .testTarget(name: "SiteTests", dependencies: ["BrightspotsSite"], exclude: ["Fixtures"]),
        // Runs the built `brightspots` binary as a user would.
        .testTarget(name: "CLITests", dependencies: ["brightspots", "BrightspotsStore", "FuzzInvariants",
                                                     .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "ServerTests",
            dependencies: ["BrightspotsServer", "BrightspotsSite", "BrightspotsStore", "BrightspotsCore",
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")]
        ),
    ]
)
