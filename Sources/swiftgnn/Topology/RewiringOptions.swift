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

    /// The options given, as command-line arguments in a fixed order: what a saved model
    /// records (`SavedModel.rewiring`) so that `evaluate` and `predict` re-parse them.
    var arguments: [String] {
        var a: [String] = []
        func add(_ name: String, _ value: (any CustomStringConvertible)?) {
            if let value { a += ["--\(name)", value.description] }
        }
        func flag(_ name: String, _ on: Bool) { if on { a.append("--\(name)") } }
        add("iterations", iterations)
        add("edges", edges)
        add("tau", tau)
        add("removal-bound", removalBound)
        flag("keep-edges", keepEdges)
        add("curvature-loop", curvatureLoop?.rawValue)
        flag("official-candidates", officialCandidates)
        add("power-iterations", powerIterations)
        add("batch-add", batchAdd)
        add("batch-remove", batchRemove)
        add("alpha", alpha)
        add("top-k", topK)
        add("eps", eps)
        add("rewire-seed", rewireSeed == 0 ? nil : rewireSeed)
        flag("self-loops", selfLoops)
        return a
    }

    /// The whole-graph method options given on the command line (their option names), for
    /// refusing them where they do not apply.
    var given: [String] {
        arguments.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2)) }
            .filter { $0 != "rewire-seed" && $0 != "self-loops" }
    }

    /// The method `name` with these options applied.
    func method(_ name: String) throws -> RewiringMethod {
        if LayerwiseRewiring.isLayerwise(name) {
            throw CLIError.usage("'\(name)' rewires per layer (each layer of a model runs on its own graph), not the graph itself: use 'swiftgnn train --rewire \(name)'")
        }
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
        if let unused = given.first(where: { !used.contains($0) }) {
            throw CLIError.usage("--\(unused) does not apply to --rewire/--method \(method.name)")
        }
        do { try method.algorithm.validate() } catch let e as DataError { throw CLIError.usage(e.message) }
        return method
    }

    func rewiring(_ name: String) throws -> Rewiring {
        Rewiring(try method(name), seed: rewireSeed, keepSelfLoops: selfLoops)
    }
}

/// `train --rewire M [method options]`: rewires every graph of the dataset before training
/// (whole-graph methods), or gives each layer of the model its own graph (layer-wise
/// methods: expander, fa, laser; see `LayerwiseRewiring`).
struct TrainRewiringOptions: ParsableArguments {
    @Option(help: ArgumentHelp("""
        Rewire every graph before training: \(RewiringMethod.names.joined(separator: ", ")) (see 'swiftgnn rewire --help'); \
        or per layer: expander (layers alternate between the input graph and a Cayley expander of each graph), \
        fa (last layer on the fully-adjacent graph; at most \(LayerwiseRewiring.fullyAdjacentMaxNodes) nodes per graph), \
        laser (layer l adds LASER's links at distances 2...l+1). Per-layer methods train node classification \
        (any --model) and graph classification (GIN k-fold, or any --model with --protocol holdout).
        """, valueName: "method"))
    var rewire: String?
    @OptionGroup var options: RewiringOptions
    @Option(help: "laser: fraction rho of each distance orbit to link (default 0.5).") var rho: Double?
    @Option(help: "laser: largest distance that gets links (default 5; layers add one distance each).") var maxDistance: Int?
    @Flag(inversion: .prefixedNo, help: "expander: layer 0 runs on the input graph (default) or, with --no-start-with-input, on the expander.")
    var startWithInput: Bool?
    @Flag(help: "expander: keep the expander's breadth-first node labels (no random relabelling per graph).")
    var noShuffle = false

    /// The rewiring given, as command-line arguments (empty without `--rewire`): recorded
    /// in a saved model (`SavedModel.rewiring`) and re-parsed by `evaluate` and `predict`.
    var arguments: [String] {
        guard let rewire else { return [] }
        var a = ["--rewire", rewire] + options.arguments
        if let rho { a += ["--rho", rho.description] }
        if let maxDistance { a += ["--max-distance", String(maxDistance)] }
        if let startWithInput { a.append(startWithInput ? "--start-with-input" : "--no-start-with-input") }
        if noShuffle { a.append("--no-shuffle") }
        return a
    }

    /// The layer-wise method of `--rewire`, or nil for a whole-graph method or none. Throws
    /// a usage error for options that do not apply to the method given.
    func layerwise() throws -> LayerwiseRewiring? {
        let layerwiseGiven = [("rho", rho != nil), ("max-distance", maxDistance != nil),
                              ("start-with-input", startWithInput != nil), ("no-shuffle", noShuffle)].filter(\.1).map(\.0)
        if let rewire, !LayerwiseRewiring.isLayerwise(rewire), (try? RewiringMethod(name: rewire)) == nil {
            let all = RewiringMethod.names + LayerwiseRewiring.names
            throw CLIError.usage("unknown rewiring method '\(rewire)', expected one of \(all.joined(separator: ", "))")
        }
        guard let rewire, LayerwiseRewiring.isLayerwise(rewire) else {
            if let first = layerwiseGiven.first {
                throw CLIError.usage("--\(first) applies to the per-layer methods (--rewire expander|fa|laser), got \(rewire.map { "--rewire \($0)" } ?? "no --rewire")")
            }
            return nil
        }
        if let first = options.given.first {
            throw CLIError.usage("--\(first) does not apply to --rewire \(rewire) (a per-layer method)")
        }
        if options.selfLoops { throw CLIError.usage("--self-loops does not apply to --rewire \(rewire) (a per-layer method)") }
        do {
            return try LayerwiseRewiring(name: rewire, rho: rho, maxDistance: maxDistance, startWithInput: startWithInput,
                                         shuffle: noShuffle ? false : nil)
        } catch let e as DataError {
            throw CLIError.usage(e.message)
        }
    }

    /// The provider of `method`'s layer graphs, seeded with `--rewire-seed`, logging each
    /// schedule it builds on stderr.
    func provider(_ method: LayerwiseRewiring, dataset: String) -> LayerGraphProvider {
        method.provider(seed: options.rewireSeed) { schedule in
            printError("per-layer rewiring \(method.name) of \(dataset): \(schedule.layerSummary)")
        }
    }

    /// `dataset` rewired with a whole-graph `--rewire`, or unchanged without it (or with a
    /// per-layer method, which the tasks apply).
    func apply(to dataset: Dataset) throws -> Dataset { try applyWithEdgeTypes(to: dataset).dataset }

    /// As `apply(to:)`, with each graph's edge relations (0 input, 1 added:
    /// `RewiringResult.edgeTypes`); nil relations when no whole-graph method ran.
    func applyWithEdgeTypes(to dataset: Dataset) throws -> (dataset: Dataset, edgeTypes: [[Int32]]?) {
        guard let rewire, !LayerwiseRewiring.isLayerwise(rewire) else { return (dataset, nil) }
        let (out, results) = try options.rewiring(rewire).apply(to: dataset)
        let added = results.reduce(0) { $0 + $1.report.edgesAdded }, removed = results.reduce(0) { $0 + $1.report.edgesRemoved }
        printError("rewired \(dataset.name) with \(rewire): \(added) edges added, \(removed) removed over \(results.count) graph\(results.count == 1 ? "" : "s")")
        return (out, results.map(\.edgeTypes))
    }
}
