// Entry point of the `swiftgnn` command-line tool. Parsing and help come from
// swift-argument-parser; this file only maps errors to DESIGN.md's exit codes and
// prints them as `error: ...` on stderr.
import ArgumentParser

do {
    var command = try SwiftGNNCommand.parseAsRoot()
    try command.run()
} catch {
    exitWithError(error)
}
