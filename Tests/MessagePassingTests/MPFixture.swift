import Foundation
import Testing
import MessagePassing

/// One golden case written by scripts/make_mp_fixtures.py with PyG 2.8.1
/// (Fixtures/mp/<name>.safetensors): inputs, PyG's state dict (`param.*`), output and
/// gradients of `sum(out * R)` (`grad.*`), and the layer's arguments (`config`).
struct MPFixture {
    let name: String
    let tensors: StateDict
    let config: [String: Any]

    init(_ name: String) throws {
        self.name = name
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "safetensors",
                                                 subdirectory: "Fixtures/mp"), "fixture \(name) missing")
        let (tensors, metadata) = try Safetensors.read(from: url)
        self.tensors = tensors
        let json = try #require(metadata["config"]?.data(using: .utf8))
        config = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }

    func tensor(_ key: String) throws -> Tensor {
        try #require(tensors[key], "\(name): no tensor \(key)")
    }

    func int(_ key: String, _ fallback: Int) -> Int { (config[key] as? NSNumber)?.intValue ?? fallback }
    func float(_ key: String, _ fallback: Float) -> Float { (config[key] as? NSNumber)?.floatValue ?? fallback }
    func bool(_ key: String, _ fallback: Bool) -> Bool { (config[key] as? Bool) ?? fallback }
    /// A string argument; nil when absent or JSON null.
    func string(_ key: String) -> String? { config[key] as? String }

    /// The graph from `edge_index` `[2, E]`.
    func graph(numNodes: Int = 7) throws -> Graph {
        let ei = try tensor("edge_index")
        let e = ei.shape[1]
        return try Graph(numNodes: numNodes, source: (0..<e).map { Int32(ei[0, $0]) },
                         target: (0..<e).map { Int32(ei[1, $0]) })
    }

    /// PyG's state dict (the `param.` entries without the prefix).
    var stateDict: StateDict {
        var d = StateDict()
        for (k, v) in tensors where k.hasPrefix("param.") { d[String(k.dropFirst(6))] = v }
        return d
    }

    /// Largest `|a − b| / (1e-5 + 1e-5·|b|)` over the elements: ≤ 1 means within tolerance.
    static func excess(_ a: Tensor, _ b: Tensor) -> (ratio: Float, absError: Float) {
        var ratio: Float = 0, absError: Float = 0
        for i in 0..<a.count {
            let d = Swift.abs(a.data[i] - b.data[i])
            absError = Swift.max(absError, d.isNaN ? .infinity : d)
            ratio = Swift.max(ratio, d.isNaN ? .infinity : d / (1e-5 + 1e-5 * Swift.abs(b.data[i])))
        }
        return (ratio, absError)
    }

    /// Loads PyG's parameters into `module`, runs `forward(x, graph, edgeWeight, edgeAttr)`,
    /// back-propagates `R`, and expects the output and the gradients of x, edge weights,
    /// edge features and every parameter to match PyG within 1e-5 absolute + 1e-5
    /// relative. Returns the largest absolute error seen.
    @discardableResult
    func check(_ module: any Module, sourceLocation: SourceLocation = #_sourceLocation,
               _ forward: (Tensor, Graph, Tensor?, Tensor?) throws -> Tensor) throws -> Float {
        try module.loadStateDict(stateDict)
        let x = try tensor("x").copy().requiringGrad()
        let w = tensors["edge_weight"]?.copy().requiringGrad()
        let a = tensors["edge_attr"]?.copy().requiringGrad()
        module.zeroGrad()
        let out = try forward(x, try graph(), w, a)
        var worst: Float = 0
        func compare(_ label: String, _ got: Tensor?, _ key: String) throws {
            let expected = try tensor(key)
            let got = got ?? Tensor.zeros(expected.shape)
            #expect(got.shape == expected.shape, "\(name) \(label): shape \(got.shape) vs \(expected.shape)",
                    sourceLocation: sourceLocation)
            guard got.shape == expected.shape else { return }
            let (ratio, err) = MPFixture.excess(got, expected)
            worst = Swift.max(worst, err)
            #expect(ratio <= 1, "\(name) \(label): max abs error \(err)", sourceLocation: sourceLocation)
        }
        try compare("output", out, "out")
        try out.backward(try tensor("R"))
        try compare("grad x", x.grad, "grad.x")
        if let w { try compare("grad edge_weight", w.grad, "grad.edge_weight") }
        if let a { try compare("grad edge_attr", a.grad, "grad.edge_attr") }
        let params = module.namedParameters()
        let expectedParams = tensors.keys.filter { $0.hasPrefix("grad.param.") }
        #expect(params.count == expectedParams.count, "\(name): \(params.map(\.name)) vs \(expectedParams)",
                sourceLocation: sourceLocation)
        for (pName, p) in params { try compare("grad \(pName)", p.grad, "grad.param." + pName) }
        module.zeroGrad()
        MPFixture.record(name, worst)
        return worst
    }

    /// Prints the largest error of a case (for the report; `swift test` shows it).
    static func record(_ name: String, _ err: Float) {
        print("MPFixture \(name): max abs error vs PyG \(err)")
    }
}
