import Foundation
import Testing
import GraphData
import MessagePassing
import NeuralNet
import TensorCore

// Decoding of Fixtures/zoo/zoo_golden.json, written by scripts/make_zoo_fixtures.py with
// PyTorch Geometric 2.8.1 (float64 references).

/// A fixture's configuration values (numbers, flags, integer lists, strings).
enum ZooValue: Decodable {
    case number(Double), flag(Bool), list([Int]), strings([String])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .flag(b) } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let l = try? c.decode([Int].self) { self = .list(l) } else { self = .strings(try c.decode([String].self)) }
    }
}

/// One golden case: inputs, the PyG state dict, output, the projection `R` and the
/// gradients of `sum(out * R)` with respect to the inputs and parameters.
struct ZooCase: Decodable {
    let inputs: [String: PoolTensorJSON]
    let params: [String: PoolTensorJSON]
    let output: PoolTensorJSON
    let R: PoolTensorJSON
    let grads: [String: PoolTensorJSON]
    let param_grads: [String: PoolTensorJSON]
    let config: [String: ZooValue]
    /// The state dict after the forward pass (training cases: running statistics).
    let running: [String: PoolTensorJSON]?

    /// The named inputs as fresh leaf tensors requiring grad.
    func inputTensors() throws -> [String: Tensor] {
        try inputs.mapValues { try $0.tensor(requiresGrad: true) }
    }

    func input(_ name: String, _ tensors: [String: Tensor]) throws -> Tensor {
        try #require(tensors[name], "input \(name) missing")
    }

    func number(_ key: String) throws -> Float {
        guard case .number(let d)? = config[key] else { throw TensorError("fixture", "config \(key) missing") }
        return Float(d)
    }

    func ints(_ key: String) throws -> [Int] {
        guard case .list(let l)? = config[key] else { throw TensorError("fixture", "config \(key) missing") }
        return l
    }

    /// Loads the fixture's state dict into `module` (strict: every name and shape must match).
    func load(into module: some Module) throws {
        var dict = StateDict()
        for (k, v) in params { dict[k] = try v.tensor() }
        try module.loadStateDict(dict)
    }

    /// Runs `sum(out * R)` backward and compares the output, input gradients and parameter
    /// gradients (names must be the module's). Returns the worst relative error seen.
    @discardableResult
    func check(_ out: Tensor, inputs: [String: Tensor], module: (any Module)?, tolerance: Float = 1e-5,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> Float {
        var worst = try Self.compare(out, output, "output", tolerance, sourceLocation)
        try (out * R.tensor()).sum().backward()
        for (name, want) in grads {
            let got = try #require(inputs[name]?.grad, "no gradient for input \(name)", sourceLocation: sourceLocation)
            worst = Swift.max(worst, try Self.compare(got, want, "d\(name)", tolerance, sourceLocation))
        }
        if let module {
            let named = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor) })
            #expect(Set(named.keys) == Set(param_grads.keys), "parameter names", sourceLocation: sourceLocation)
            for (name, want) in param_grads {
                guard let p = named[name] else { continue }
                let got = p.grad ?? Tensor.zeros(p.shape)
                worst = Swift.max(worst, try Self.compare(got, want, "d\(name)", tolerance, sourceLocation))
            }
        }
        ZooErrorLog.record(worst)
        if ProcessInfo.processInfo.environment["ZOO_PRINT_ERRORS"] != nil {
            print("zoo golden: worst relative error \(worst) at \(sourceLocation)")
        }
        return worst
    }

    /// Compares a state (buffers after training) with `running`.
    func checkRunning(_ module: some Module, tolerance: Float = 1e-5, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let state = module.stateDict()
        for (name, want) in try #require(running, sourceLocation: sourceLocation) {
            let got = try #require(state[name], "state \(name) missing", sourceLocation: sourceLocation)
            _ = try Self.compare(got, want, name, tolerance, sourceLocation)
        }
    }

    static func compare(_ got: Tensor, _ want: PoolTensorJSON, _ what: String, _ tol: Float,
                        _ loc: SourceLocation) throws -> Float {
        #expect(got.shape == want.shape, "\(what) shape \(got.shape) vs \(want.shape)", sourceLocation: loc)
        guard got.shape == want.shape else { return .infinity }
        var worst: Float = 0
        for (a, b) in zip(got.scalars, want.values) {
            let err = abs(a - Float(b)) / (1 + abs(Float(b)))
            if !(err <= worst) { worst = err.isNaN ? .infinity : err }
        }
        #expect(worst <= tol, "\(what): worst relative error \(worst)", sourceLocation: loc)
        return worst
    }
}

/// The worst error seen against PyG over the run (printed by the tests for the report).
enum ZooErrorLog {
    nonisolated(unsafe) static var worst: Float = 0
    static let lock = NSLock()
    static func record(_ e: Float) {
        lock.lock(); defer { lock.unlock() }
        worst = Swift.max(worst, e)
    }
}

/// The whole fixture file: 4 graphs (4, 1, 3, 1 nodes), 14 edges.
struct ZooGolden: Decodable {
    let sizes: [Int]
    let batch: [Int32]
    let edge_index: [[Int32]]
    let cases: [String: ZooCase]

    static func load() throws -> ZooGolden {
        let url = try #require(Bundle.module.url(forResource: "zoo_golden", withExtension: "json",
                                                 subdirectory: "Fixtures/zoo"))
        return try JSONDecoder().decode(ZooGolden.self, from: Data(contentsOf: url))
    }

    func `case`(_ name: String) throws -> ZooCase {
        try #require(cases[name], "fixture case \(name) missing")
    }

    /// All nodes as one graph with the fixture's edges, in the fixture's edge order.
    func graph() throws -> Graph {
        try Graph(numNodes: batch.count, source: edge_index[0], target: edge_index[1])
    }

    func segments() throws -> NodeSegments {
        try NodeSegments(batch: batch, numNodes: batch.count)
    }
}
