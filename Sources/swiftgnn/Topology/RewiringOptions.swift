import ArgumentParser
import Foundation
import SwiftGNN

extension SDRF.CurvatureLoop: ExpressibleByArgument {}

/// The options of the rewiring methods, shared by `rewire` and `train --rewire`. Each
/// overrides one published default; an option that does not apply to the chosen method
/// is a usage error.
struct RewiringOptions: ParsableArguments {
    @Option(help: "sdrf, fosr, borf: iterations (batches for borf).") var iterations: Int?
    @Option(help: "gtr: edges to add.") var edges: Int?
    @Option(help: "sdrf: softmax temperature tau.") var tau: Double?
    @Option(help: "sdrf: removal bound C+.") var removalBound: Double?
    @Flag(help: "sdrf: only add edges.") var keepEdges = false
    @Option(help: ArgumentHelp("sdrf: curvature loop, continue (default) or break (the official CPU kernel).", valueName: "mode"))
    var curvatureLoop: SDRF.CurvatureLoop?
    @Flag(help: "sdrf: candidates B(x) x (S(y) + {x}) as the official code.") var officialCandidates = false
    @Option(help: "fosr: initial power iterations.") var powerIterations: Int?
    @Option(help: "borf: edges added per batch.") var batchAdd: Int?
    @Option(help: "borf: edges removed per batch.") var batchRemove: Int?
    @Option(help: "digl: teleport probability alpha.") var alpha: Double?
    @Option(help: "digl: keep the top k entries per column.") var topK: Int?
    @Option(help: "digl: keep entries >= eps (instead of top-k).") var eps: Double?
    @Option(help: "Seed of the rewiring (graph k of a dataset uses seed + k).") var rewireSeed: UInt64 = 0
    @Flag(help: "Keep self loops (the input's, and DIGL's diagonal).") var selfLoops = false

    /// The method `name` with these options applied.
    func method(_ name: String) throws -> RewiringMethod {
        var method: RewiringMethod
        do { method = try RewiringMethod(name: name) } catch let e as DataError { throw CLIError.usage(e.message) }
        var used: Set<String> = []
        switch method {
        case .sdrf(var a):
            if let iterations { a.iterations = iterations; used.insert("iterations") }
            if let tau { a.tau = tau; used.insert("tau") }
            if let removalBound { a.removalBound = removalBound; used.insert("removal-bound") }
            if keepEdges { a.removeEdges = false; used.insert("keep-edges") }
            if let curvatureLoop { a.curvatureLoop = curvatureLoop; used.insert("curvature-loop") }
            if officialCandidates { a.officialCandidates = true; used.insert("official-candidates") }
            method = .sdrf(a)
        case .fosr(var a):
            if let iterations { a.iterations = iterations; used.insert("iterations") }
            if let powerIterations { a.powerIterations = powerIterations; used.insert("power-iterations") }
            method = .fosr(a)
        case .gtr(var a):
            if let edges { a.edges = edges; used.insert("edges") }
            method = .gtr(a)
        case .borf(var a):
            if let iterations { a.iterations = iterations; used.insert("iterations") }
            if let batchAdd { a.batchAdd = batchAdd; used.insert("batch-add") }
            if let batchRemove { a.batchRemove = batchRemove; used.insert("batch-remove") }
            method = .borf(a)
        case .digl(var a):
            if let alpha { a.alpha = alpha; used.insert("alpha") }
            if topK != nil && eps != nil { throw CLIError.usage("digl: give --top-k or --eps, not both") }
            if let topK { a.sparsification = .topK(topK); used.insert("top-k") }
            if let eps { a.sparsification = .threshold(eps); used.insert("eps") }
            method = .digl(a)
        case .virtualNode:
            break
        }
        let given: [(String, Bool)] = [
            ("iterations", iterations != nil), ("edges", edges != nil), ("tau", tau != nil),
            ("removal-bound", removalBound != nil), ("keep-edges", keepEdges), ("curvature-loop", curvatureLoop != nil),
            ("official-candidates", officialCandidates), ("power-iterations", powerIterations != nil),
            ("batch-add", batchAdd != nil), ("batch-remove", batchRemove != nil), ("alpha", alpha != nil),
            ("top-k", topK != nil), ("eps", eps != nil),
        ]
        if let unused = given.first(where: { $0.1 && !used.contains($0.0) }) {
            throw CLIError.usage("--\(unused.0) does not apply to --rewire/--method \(method.name)")
        }
        do { try method.algorithm.validate() } catch let e as DataError { throw CLIError.usage(e.message) }
        return method
    }

    func rewiring(_ name: String) throws -> Rewiring {
        Rewiring(try method(name), seed: rewireSeed, keepSelfLoops: selfLoops)
    }
}

/// `train --rewire M [method options]`: rewires every graph of the dataset before training.
struct TrainRewiringOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Rewire every graph before training: \(RewiringMethod.names.joined(separator: ", ")) (see 'swiftgnn rewire --help').",
                               valueName: "method"))
    var rewire: String?
    @OptionGroup var options: RewiringOptions

    /// `dataset` rewired with `--rewire`, or unchanged without it.
    func apply(to dataset: Dataset) throws -> Dataset { try applyWithEdgeTypes(to: dataset).dataset }

    /// `dataset` rewired with `--rewire` and each graph's edge relations (0 input, 1 added:
    /// `RewiringResult.edgeTypes`), or unchanged with nil relations without it.
    func applyWithEdgeTypes(to dataset: Dataset) throws -> (dataset: Dataset, edgeTypes: [[Int32]]?) {
        guard let rewire else { return (dataset, nil) }
        let (out, results) = try options.rewiring(rewire).apply(to: dataset)
        let added = results.reduce(0) { $0 + $1.report.edgesAdded }, removed = results.reduce(0) { $0 + $1.report.edgesRemoved }
        printError("rewired \(dataset.name) with \(rewire): \(added) edges added, \(removed) removed over \(results.count) graph\(results.count == 1 ? "" : "s")")
        return (out, results.map(\.edgeTypes))
    }
}
