// swift-tools-version: 6.0
// libFuzzer targets for SwiftGNN's file readers: `make fuzz` (see README, "Fuzzing").
// Built apart from the main package because every target is compiled with
// `-sanitize=fuzzer,address`, which the library's normal builds must not carry.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, so read the folder's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let swiftGNN = root.lastPathComponent

/// One executable per reader; each links the shared libFuzzer driver.
let fuzzers = ["FuzzCSV", "FuzzGzip", "FuzzNpy", "FuzzNpz", "FuzzPickle", "FuzzSmiles"]

let package = Package(
    name: "Fuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .target(name: "FuzzDriver"),
    ] + fuzzers.map {
        .executableTarget(name: $0, dependencies: [
            "FuzzDriver", .product(name: "GraphData", package: swiftGNN),
        ])
    }
)
