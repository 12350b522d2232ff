import ArgumentParser
import Foundation
import SwiftGNN

/// Exit codes from DESIGN.md (sysexits.h values).
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    static let missingInput: Int32 = 66
    static let io: Int32 = 74
}

/// An error a subcommand reports to the user: its message and the exit code it implies.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    init(_ message: String, exitCode: Int32 = ExitStatus.failure) {
        self.message = message
        self.exitCode = exitCode
    }

    static func usage(_ message: String) -> CLIError { CLIError(message, exitCode: ExitStatus.usage) }

    var description: String { message }
}

/// Writes a line to stderr (errors, warnings, progress).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Prints `error` the way DESIGN.md asks (`error: ...` on stderr; help and `--version`
/// on stdout) and exits with its code: 0 for help, 64 for usage errors, the code a
/// `CLIError` carries, 1 for anything else.
func exitWithError(_ error: Error) -> Never {
    switch error {
    case let error as CLIError:
        printError("error: \(error.message)")
        exit(error.exitCode)
    case let error as DataError:
        printError("error: \(error)")
        exit(error.exitCode)
    case let error as TensorError:
        printError("error: \(error)")
        exit(ExitStatus.failure)
    case let error as TrainingError:
        printError("error: \(error)")
        switch error.kind {
        case .invalidInput: exit(ExitStatus.badData)
        case .io: exit(ExitStatus.io)
        case .undefined: exit(ExitStatus.failure)
        }
    default:
        let code = SwiftGNNCommand.exitCode(for: error)
        let text = SwiftGNNCommand.fullMessage(for: error)
        if code == .success {
            if !text.isEmpty { print(text) }
            exit(code.rawValue)
        }
        if !text.isEmpty {
            // ArgumentParser capitalises its prefix; DESIGN.md's convention is lowercase.
            printError(text.hasPrefix("Error: ") ? "error: " + text.dropFirst("Error: ".count) : text)
        }
        exit(code.rawValue)
    }
}
