// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "liftcode",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "liftcode", targets: ["liftcode"]),
        .executable(name: "liftbench", targets: ["LiftBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.2"),
    ],
    targets: [
        // C libraries, each behind a [system] module map and a shim header.
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZlibDeflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CZBar", pkgConfig: "zbar", providers: [.apt(["libzbar-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft", providers: [.apt(["libcairo2-dev"])]),

        .target(name: "LiftCore", swiftSettings: swiftSettings),
        .target(
            name: "LiftCrypto",
            dependencies: ["LiftCore", "COpenSSL"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiftStore",
            dependencies: ["LiftCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiftPostgres",
            dependencies: [
                "LiftCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiftLabels",
            dependencies: ["LiftCore", "LiftCrypto", "CQREncode", "CPNG", "CZlibDeflate", "CFreeType", "CCairo"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiftServer",
            dependencies: [
                "LiftCore", "LiftCrypto", "LiftExport", "LiftImport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiftKiosk",
            dependencies: ["LiftCore", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiftImport",
            dependencies: [
                "LiftCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "LiftDemo", dependencies: ["LiftCore"], swiftSettings: swiftSettings),
        .target(
            name: "LiftExport",
            dependencies: ["LiftCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "liftcode",
            dependencies: [
                "LiftCore", "LiftCrypto", "LiftStore", "LiftPostgres", "LiftLabels", "LiftServer", "LiftKiosk", "LiftImport", "LiftDemo",
                "LiftExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "LiftBench",
            dependencies: [
                "LiftCore", "LiftCrypto", "LiftStore", "LiftLabels", "LiftImport", "LiftDemo", "LiftExport", "LiftKiosk", "LiftServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),

        // What several test targets share: the sample world, a test clock, running a child program.
        .target(
            name: "LiftTestSupport", dependencies: ["LiftCore", "LiftCrypto", "LiftStore"], path: "Tests/LiftTestSupport",
            swiftSettings: swiftSettings),

        .testTarget(name: "LiftCoreTests", dependencies: ["LiftCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LiftCryptoTests", dependencies: ["LiftCrypto", "LiftCore", "LiftTestSupport"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LiftStoreTests",
            dependencies: ["LiftStore", "LiftPostgres", "LiftCore", "LiftTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .testTarget(name: "LiftImportTests", dependencies: ["LiftImport", "LiftStore", "LiftCore", "LiftDemo", "LiftTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LiftLabelsTests",
            dependencies: ["LiftLabels", "LiftCrypto", "LiftStore", "LiftCore", "CZBar", "CPNG", "CZlibDeflate", "LiftTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiftKioskTests",
            dependencies: [
                "LiftKiosk", "LiftStore", "LiftCrypto", "LiftCore", "LiftServer", "LiftTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiftExportTests",
            dependencies: ["LiftExport", "LiftStore", "LiftCore", "LiftDemo", "LiftTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LiftcodeCLITests", dependencies: ["liftcode", "LiftTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LiftServerTests",
            dependencies: [
                "LiftServer", "LiftStore", "LiftCrypto", "LiftCore", "LiftTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
