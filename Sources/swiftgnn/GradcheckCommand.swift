import ArgumentParser
import SwiftGNN

/// `swiftgnn gradcheck`: finite-difference check of every differentiable op.
struct GradcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Check every op's backward against finite differences.",
        discussion: """
            Runs each registered case on seeded random inputs, prints one row per op and \
            ends with 'N ops checked, M failed'. Exits with 1 when any case fails.
            """
    )

    /// The suites to run, in order. A layer's suite joins with one entry here.
    static var suites: [(name: String, cases: [GradcheckCase])] {
        [
            ("TensorCore", GradcheckSuite.tensorCore),
            ("NeuralNet", NeuralNetGradchecks.all),
            ("MessagePassing", ConvGradchecks.cases),
            ("Attention", AttentionGradchecks.cases),
            ("Pooling and layer zoo", ZooGradchecks.cases),
        ]
    }

    @Option(name: .long, help: ArgumentHelp("Only run cases whose op name contains this text (case-insensitive).",
                                            valueName: "substring"))
    var op: String?

    @Flag(name: .long, help: "Print one JSON summary instead of the table.")
    var json = false

    @Option(name: .long, help: "Seed of the random inputs.")
    var seed: UInt64 = 1

    struct Row: Encodable {
        let suite: String
        let op: String
        let elements: Int
        /// nil when the case threw before any element was checked.
        let maxAbsError: Float?
        let maxRelError: Float?
        let passed: Bool
        let failures: [String]
    }

    struct Summary: Encodable {
        let checked: Int
        let failed: Int
        let cases: [Row]
    }

    func run() throws {
        let needle = op?.lowercased()
        let selected = Self.suites.flatMap { suite in
            suite.cases.filter { needle == nil || $0.op.lowercased().contains(needle!) }.map { (suite.name, $0) }
        }
        if selected.isEmpty {
            let known = Self.suites.flatMap { $0.cases.map(\.op) }
            throw CLIError.usage("no gradcheck case matches --op '\(op ?? "")' (\(known.count) cases: "
                                 + known.prefix(8).joined(separator: ", ") + (known.count > 8 ? ", ..." : "") + ")")
        }

        let table = Table([
            .init("op", width: selected.map(\.1.op.count).max() ?? 2),
            .init("elements", width: 8, right: true),
            .init("max abs err", width: 11, right: true),
            .init("status", width: 6),
        ])
        if !json { table.printHeader() }

        var rows: [Row] = []
        for (suite, entry) in selected {
            let row: Row
            do {
                let r = try entry.run(seed: seed)
                row = Row(suite: suite, op: entry.op, elements: r.elementsChecked, maxAbsError: r.maxAbsError,
                          maxRelError: r.maxRelError, passed: r.passed, failures: r.failures)
            } catch {
                row = Row(suite: suite, op: entry.op, elements: 0, maxAbsError: nil, maxRelError: nil,
                          passed: false, failures: ["threw: \(error)"])
            }
            rows.append(row)
            if !json {
                let status = row.passed ? "ok" : "FAILED: " + row.failures.prefix(2).joined(separator: "; ")
                table.printRow([row.op, "\(row.elements)", row.maxAbsError.map(scientific) ?? "-", status])
            }
        }

        let failed = rows.filter { !$0.passed }.count
        if json {
            try printJSON(Summary(checked: rows.count, failed: failed, cases: rows))
        } else {
            print("\(rows.count) ops checked, \(failed) failed")
        }
        if failed > 0 { throw ExitCode(ExitStatus.failure) }
    }
}
