// Entry point of the `swiftgnn` command-line tool. Parsing and help come from
// swift-argument-parser; this file warns when a command that needs OpenBLAS runs
// without it, maps errors to DESIGN.md's exit codes and prints them as `error: ...` on
// stderr.
import ArgumentParser
import Foundation
import TensorCore

do {
    var command = try SwiftGNNCommand.parseAsRoot()
    if command is RunsDenseProducts, let warning = BLAS.missingWarning {
        FileHandle.standardError.write(Data((warning + "\n").utf8))
    }
    try command.run()
} catch {
    exitWithError(error)
}
