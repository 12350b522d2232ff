import Foundation
import Testing
import NeuralNet

/// One case of Fixtures/layers_golden.json (written by scripts/make_layer_fixtures.py
/// with PyTorch): its kind, scalar parameters and named tensors.
struct GoldenCase {
    let name: String
    let kind: String
    let params: [String: Any]
    let tensors: [String: (shape: [Int], data: [Double])]

    func has(_ key: String) -> Bool { tensors[key] != nil }

    func tensor(_ key: String, requiresGrad: Bool = false) throws -> Tensor {
        let entry = try #require(tensors[key], "\(name): no tensor '\(key)'")
        return try Tensor(shape: entry.shape, scalars: entry.data.map { Float($0) }, requiresGrad: requiresGrad)
    }

    func indices(_ key: String) throws -> Int32Tensor {
        let entry = try #require(tensors[key], "\(name): no tensor '\(key)'")
        return try Int32Tensor(shape: entry.shape, scalars: entry.data.map { Int32($0) })
    }

    func float(_ key: String) throws -> Float {
        let value = try #require(params[key] as? NSNumber, "\(name): no numeric param '\(key)'")
        return value.floatValue
    }

    func string(_ key: String) throws -> String {
        try #require(params[key] as? String, "\(name): no string param '\(key)'")
    }

    func bool(_ key: String) throws -> Bool {
        try #require(params[key] as? Bool, "\(name): no bool param '\(key)'")
    }

    func reduction() throws -> Reduction {
        switch try string("reduction") {
        case "mean": return .mean
        case "sum": return .sum
        default: return .none
        }
    }
}

enum Golden {
    /// All cases, by name.
    static func load() throws -> [String: GoldenCase] {
        let url = try #require(Bundle.module.url(forResource: "layers_golden", withExtension: "json", subdirectory: "Fixtures"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var out: [String: GoldenCase] = [:]
        for (name, value) in root {
            let entry = try #require(value as? [String: Any])
            let raw = try #require(entry["tensors"] as? [String: Any])
            var tensors: [String: (shape: [Int], data: [Double])] = [:]
            for (key, t) in raw {
                let dict = try #require(t as? [String: Any])
                let shape = try #require(dict["shape"] as? [Int])
                let data = try #require(dict["data"] as? [NSNumber]).map(\.doubleValue)
                tensors[key] = (shape, data)
            }
            out[name] = GoldenCase(name: name, kind: try #require(entry["kind"] as? String),
                                   params: entry["params"] as? [String: Any] ?? [:], tensors: tensors)
        }
        return out
    }

    /// Names of the cases of one kind, sorted (for parameterized tests).
    static func names(kind: String) -> [String] {
        guard let all = try? load() else { return [] }
        return all.values.filter { $0.kind == kind }.map(\.name).sorted()
    }

    static func load(_ name: String) throws -> GoldenCase {
        try #require(try load()[name], "no golden case \(name)")
    }
}

/// Expects equal shapes and `|a − e| ≤ atol + rtol·|e|` elementwise (NaN only where NaN
/// is expected).
func expectClose(_ actual: Tensor?, _ expected: Tensor, rtol: Float = 1e-5, atol: Float = 1e-6,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("\(what): missing (expected shape \(expected.shape))", sourceLocation: sourceLocation)
        return
    }
    guard actual.shape == expected.shape else {
        Issue.record("\(what): shape \(actual.shape), expected \(expected.shape)", sourceLocation: sourceLocation)
        return
    }
    var worst: (Int, Float, Float)? = nil
    var worstExcess: Float = 0
    for i in 0..<actual.count {
        let a = actual.data[i], e = expected.data[i]
        if e.isNaN && a.isNaN { continue }
        let excess = abs(a - e) - (atol + rtol * abs(e))
        if excess > worstExcess || !excess.isFinite && !(a == e) {
            worstExcess = excess.isFinite ? excess : .infinity
            worst = (i, a, e)
        }
    }
    if let (i, a, e) = worst {
        Issue.record("\(what): element \(i) is \(a), expected \(e) (|diff| \(abs(a - e)))", sourceLocation: sourceLocation)
    }
}
