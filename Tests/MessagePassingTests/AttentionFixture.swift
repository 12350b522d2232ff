import Foundation
import MessagePassing

/// One golden fixture written by scripts/make_attention_fixtures.py (PyG 2.8.1, float64).
struct AttentionFixture {
    let name: String
    let layer: String
    let config: [String: Any]
    let graph: Graph
    let tensors: [String: Tensor]
    let attentionSource: [Int32]?
    let attentionTarget: [Int32]?

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attention")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    init(_ name: String) throws {
        let data = try Data(contentsOf: AttentionFixture.directory.appendingPathComponent(name + ".json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let layer = root["layer"] as? String, let config = root["config"] as? [String: Any],
              let n = root["num_nodes"] as? Int, let source = root["source"] as? [Int], let target = root["target"] as? [Int],
              let tensors = root["tensors"] as? [String: [String: Any]] else {
            throw AttentionFixtureError("\(name): malformed fixture")
        }
        self.name = name
        self.layer = layer
        self.config = config
        graph = try Graph(numNodes: n, source: source.map(Int32.init), target: target.map(Int32.init))
        var out: [String: Tensor] = [:]
        for (key, value) in tensors {
            guard let shape = value["shape"] as? [Int], let values = value["data"] as? [Double] else {
                throw AttentionFixtureError("\(name): tensor \(key) is malformed")
            }
            out[key] = try Tensor(shape: shape, scalars: values.map { Float($0) })
        }
        self.tensors = out
        attentionSource = (root["att_source"] as? [Int])?.map(Int32.init)
        attentionTarget = (root["att_target"] as? [Int])?.map(Int32.init)
    }

    func tensor(_ key: String) throws -> Tensor {
        guard let t = tensors[key] else { throw AttentionFixtureError("\(name): no tensor \(key)") }
        return t
    }

    /// The parameters as a state dict (the `param.` entries).
    var stateDict: StateDict {
        var dict = StateDict()
        for (key, t) in tensors where key.hasPrefix("param.") { dict[String(key.dropFirst(6))] = t }
        return dict
    }

    func int(_ key: String, _ fallback: Int) -> Int { config[key] as? Int ?? fallback }
    func bool(_ key: String, _ fallback: Bool) -> Bool { config[key] as? Bool ?? fallback }
    func float(_ key: String, _ fallback: Float) -> Float { (config[key] as? Double).map(Float.init) ?? fallback }
    var edgeDim: Int? { config["edge_dim"] as? Int }
}

struct AttentionFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Largest `|a − b| / (1 + |b|)` (absolute near 0, relative for large values).
func attentionMaxError(_ a: Tensor, _ b: Tensor) -> Float {
    guard a.shape == b.shape else { return .infinity }
    var m: Float = 0
    for i in 0..<a.count {
        let e = Swift.abs(a.data[i] - b.data[i]) / (1 + Swift.abs(b.data[i]))
        m = Swift.max(m, e.isNaN ? .infinity : e)
    }
    return m
}
