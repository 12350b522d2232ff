import ArgumentParser

/// `swiftgnn bench <what>`: throughput benchmarks. Each kind of benchmark is a subcommand
/// in its own file (`bench ops` today).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure kernel throughput (meaningful only in a release build: make bench).",
        subcommands: [
            BenchOpsCommand.self,
        ]
    )
}
