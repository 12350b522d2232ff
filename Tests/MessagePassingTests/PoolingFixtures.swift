import Foundation
import Testing
import MessagePassing
import TensorCore

// Decoding of Fixtures/pool/pool_golden.json, written by scripts/make_pool_fixtures.py
// with PyTorch Geometric (float64 references).

/// A tensor as the fixture script writes it: shape and row-major values.
struct PoolTensorJSON: Decodable {
    let shape: [Int]
    let values: [Double]
    func tensor(requiresGrad: Bool = false) throws -> Tensor {
        try Tensor(shape: shape, scalars: values.map { Float($0) }, requiresGrad: requiresGrad)
    }
}

/// One golden case: inputs, PyG parameters by state-dict name, output, the projection
/// `R` and the gradients of `sum(out * R)`.
struct PoolCase: Decodable {
    let inputs: [String: PoolTensorJSON]
    let output: PoolTensorJSON
    let R: PoolTensorJSON
    let grads: [String: PoolTensorJSON]
    let params: [String: PoolTensorJSON]?
    let param_grads: [String: PoolTensorJSON]?
    let batch: [Int32]?
    let size: Int?
    let processing_steps: Int?
    let ratio: Double?
    let edge_index: [[Int32]]?
    let kept_edges: [Int32]?
    let new_batch: [Int32]?
    let perm: [Int32]?
    let score: PoolTensorJSON?

    /// The named inputs as fresh leaf tensors requiring grad.
    func inputTensors() throws -> [String: Tensor] {
        try inputs.mapValues { try $0.tensor(requiresGrad: true) }
    }

    /// Loads the fixture's parameters into `module` (strict: names and shapes must match).
    func load(into module: some Module) throws {
        var dict = StateDict()
        for (k, v) in params ?? [:] { dict[k] = try v.tensor() }
        try module.loadStateDict(dict)
    }

    /// Runs `sum(out * R)` backward and compares output, input and parameter gradients.
    func check(_ out: Tensor, inputs: [String: Tensor], module: (any Module)? = nil,
               tolerance: Float = 1e-5, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expectClose(out, output, "output", tolerance, sourceLocation)
        try (out * R.tensor()).sum().backward()
        for (name, want) in grads {
            let got = try #require(inputs[name]?.grad, "no gradient for input \(name)", sourceLocation: sourceLocation)
            try expectClose(got, want, "d\(name)", tolerance, sourceLocation)
        }
        if let module, let pg = param_grads {
            let named = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor) })
            #expect(Set(named.keys) == Set(pg.keys), "parameter names", sourceLocation: sourceLocation)
            for (name, want) in pg {
                let got = try #require(named[name]?.grad, "no gradient for parameter \(name)", sourceLocation: sourceLocation)
                try expectClose(got, want, "d\(name)", tolerance, sourceLocation)
            }
        }
    }

    private func expectClose(_ got: Tensor, _ want: PoolTensorJSON, _ what: String, _ tol: Float,
                             _ loc: SourceLocation) throws {
        #expect(got.shape == want.shape, "\(what) shape", sourceLocation: loc)
        guard got.shape == want.shape else { return }
        var worst: Float = 0
        for (a, b) in zip(got.scalars, want.values) {
            let err = abs(a - Float(b)) / (1 + abs(Float(b)))
            if !(err <= worst) { worst = err.isNaN ? .infinity : err }
        }
        #expect(worst <= tol, "\(what): worst relative error \(worst)", sourceLocation: loc)
    }
}

/// The whole fixture file.
struct PoolGolden: Decodable {
    let sizes: [Int]
    let batch: [Int32]
    let ptr: [Int32]
    let edge_index: [[Int32]]
    let cases: [String: PoolCase]

    static func load() throws -> PoolGolden {
        let url = try #require(Bundle.module.url(forResource: "pool_golden", withExtension: "json",
                                                 subdirectory: "Fixtures/pool"))
        return try JSONDecoder().decode(PoolGolden.self, from: Data(contentsOf: url))
    }

    func `case`(_ name: String) throws -> PoolCase {
        try #require(cases[name], "fixture case \(name) missing")
    }

    /// The fixture's three graphs (4, 1 and 3 nodes) batched, with their edges.
    func graphBatch() throws -> GraphBatch {
        var graphs: [Graph] = []
        for g in 0..<sizes.count {
            let lo = ptr[g], hi = ptr[g + 1]
            var src: [Int32] = [], dst: [Int32] = []
            for (s, t) in zip(edge_index[0], edge_index[1]) where s >= lo && s < hi {
                src.append(s - lo)
                dst.append(t - lo)
            }
            graphs.append(try Graph(numNodes: sizes[g], source: src, target: dst))
        }
        return try GraphBatch(graphs)
    }
}
