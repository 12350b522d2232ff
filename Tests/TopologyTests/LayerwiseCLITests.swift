import Foundation
import Testing
import TestSupport

/// `swiftgnn train --rewire expander|fa|laser` end to end: the debug binary that
/// `swift build --build-tests` leaves in `.build/debug` (the tests are skipped when it is
/// missing). Usage errors are checked before any data is read, so most cases need none.
@Suite(.enabled(if: SwiftGNNBinary.url != nil)) struct LayerwiseCLITests {
    @Test("train --help lists the per-layer methods and their options")
    func help() throws {
        let r = try SwiftGNNBinary.run(["train", "--help"])
        #expect(r.status == 0)
        // The help wraps lines: compare with runs of white space made one space.
        let help = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in ["expander (layers alternate", "fa (last layer on the fully-adjacent graph; at most 2000 nodes",
                     "laser (layer l adds", "--rho", "--max-distance", "--start-with-input/--no-start-with-input",
                     "--no-shuffle"] {
            #expect(help.contains(text), "help lacks \(text)")
        }
    }

    @Test("options that do not fit the method are usage errors (exit 64), before any data is read")
    func badCombinations() throws {
        let noData = ["--dataset", "MUTAG", "--data-dir", FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-no-data").path, "--offline"]
        let cases: [([String], String)] = [
            (["--rewire", "laser", "--no-shuffle"], "--no-shuffle applies to --rewire expander, not laser"),
            (["--rewire", "expander", "--rho", "0.3"], "--rho applies to --rewire laser, not expander"),
            (["--rewire", "fa", "--max-distance", "3"], "--max-distance applies to --rewire laser, not fa"),
            (["--rewire", "laser", "--iterations", "3"], "--iterations does not apply to --rewire laser"),
            (["--rewire", "expander", "--self-loops"], "--self-loops does not apply to --rewire expander"),
            (["--rewire", "sdrf", "--rho", "0.2"], "--rho applies to the per-layer methods"),
            (["--no-start-with-input"], "got no --rewire"),
            (["--rewire", "laser", "--rho", "2"], "rho 2.0 is outside [0, 1]"),
            (["--rewire", "bogus"], "expected one of sdrf, fosr, gtr, borf, digl, vn, expander, fa, laser"),
        ]
        for (args, message) in cases {
            let r = try SwiftGNNBinary.run(["train"] + noData + args)
            #expect(r.status == 64 && r.stderr.contains(message), "\(args): exit \(r.status), \(r.stderr)")
        }
        let r = try SwiftGNNBinary.run(["rewire", "--method", "laser"] + noData)
        #expect(r.status == 64 && r.stderr.contains("use 'swiftgnn train --rewire laser'"), "\(r.stderr)")
    }

    @Test("on real data: fa refuses Cora, link prediction is refused, MUTAG trains with an expander",
          .enabled(if: SharedData.available))
    func realData() throws {
        let data = ["--data-dir", try #require(SharedData.root).path, "--offline", "--quiet"]
        let fa = try SwiftGNNBinary.run(["train", "--dataset", "Cora", "--rewire", "fa"] + data)
        #expect(fa.status == 64 && fa.stderr.contains("the graph has 2708 nodes"), "\(fa.stderr)")
        let link = try SwiftGNNBinary.run(["train", "--dataset", "Cora", "--rewire", "expander", "--task", "link_prediction"] + data)
        #expect(link.status == 64 && link.stderr.contains("trains node or graph classification"), "\(link.stderr)")
        let ok = try SwiftGNNBinary.run(["train", "--dataset", "MUTAG", "--rewire", "expander", "--epochs", "2", "--folds", "2",
                                         "--layers", "3"] + data)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("per-layer rewiring expander of MUTAG: layers on graphs [0, 1]"), "\(ok.stderr)")
        #expect(ok.stdout.contains("GIN on MUTAG: test accuracy"), "\(ok.stdout)")
    }

    @Test("evaluate runs a saved model on the inputs it was trained on: per-layer or whole-graph rewiring, positional encoding",
          .enabled(if: SharedData.available))
    func evaluateRewired() throws {
        let data = ["--data-dir", try #require(SharedData.root).path, "--offline"]
        for (spec, encoding) in [(["expander"], [String]()), (["sdrf", "--iterations", "50"], ["--pe", "lap:4"])] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgnn-eval-\(UUID())")
            defer { try? FileManager.default.removeItem(at: dir) }
            let train = try SwiftGNNBinary.run(["train", "--dataset", "Cora", "--rewire"] + spec + encoding
                                               + ["--epochs", "30", "--out", dir.path, "--json", "--quiet"] + data)
            #expect(train.status == 0, "\(train.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any])
            let run = try #require((summary["runs"] as? [[String: Any]])?.first)
            let model = dir.appendingPathComponent("model.safetensors").path
            let eval = try SwiftGNNBinary.run(["evaluate", "--model", model, "--json"] + data)
            #expect(eval.status == 0, "\(eval.stderr)")
            #expect(eval.stderr.contains("applying the model's rewiring: --rewire \(spec.joined(separator: " "))"), "\(eval.stderr)")
            let scores = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
            // The saved weights are the best-validation epoch's: the same accuracies.
            for key in ["train", "validation", "test"] {
                #expect(scores[key] as? Double == run[key] as? Double, "\(spec) \(key): \(scores) against \(run)")
            }
        }
    }
}

/// The `swiftgnn` executable of the current debug build, if built.
enum SwiftGNNBinary {
    static var url: URL? {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = packageRoot.appendingPathComponent(".build/debug/swiftgnn")
        return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
    }

    /// Runs the binary with `arguments`; its exit status and both outputs.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let binary = url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
