// swift-tools-version: 6.0
// SwiftGNN: graph machine learning in Swift. See README.md for the tour of the layers.
import PackageDescription

/// Release builds may add `-Xswiftc -target-cpu -Xswiftc <cpu>` (the Makefile does);
/// nothing here hard-codes a CPU, so the package builds anywhere.
let package = Package(
    name: "SwiftGNN",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SwiftGNN", targets: ["SwiftGNN"]),
        .library(name: "GraphData", targets: ["GraphData"]),
        .executable(name: "swiftgnn", targets: ["swiftgnn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // C shim that loads OpenBLAS at first use (after choosing its CPU kernel) and
        // exposes sgemm. See Sources/COpenBLAS/blas_loader.c for why it is not linked.
        .target(name: "COpenBLAS", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "TensorCore", dependencies: ["COpenBLAS"]),
        .target(name: "NeuralNet", dependencies: ["TensorCore"]),
        .target(name: "GraphData", dependencies: [
            "TensorCore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "MessagePassing", dependencies: ["TensorCore", "NeuralNet", "GraphData"]),
        .target(name: "Training", dependencies: ["TensorCore", "NeuralNet", "GraphData", "MessagePassing"]),
        .target(name: "Topology", dependencies: ["TensorCore", "NeuralNet", "GraphData", "MessagePassing", "Training"]),
        .target(name: "SwiftGNN", dependencies: ["TensorCore", "NeuralNet", "GraphData", "MessagePassing", "Training", "Topology"]),
        .executableTarget(name: "swiftgnn", dependencies: [
            "SwiftGNN",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `SharedData` (the ../shared/data lookup) for every test target.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TensorCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GraphDataTests", dependencies: ["TestSupport",
                        "GraphData", "TensorCore", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                    ],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "MessagePassingTests", dependencies: ["MessagePassing", "TensorCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TrainingTests", dependencies: ["TestSupport", "Training", "TensorCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TopologyTests", dependencies: ["TestSupport", "Topology", "TensorCore"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
