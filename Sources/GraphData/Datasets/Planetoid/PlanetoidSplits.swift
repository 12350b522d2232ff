import Foundation
import TensorCore

/// Builds the node split a `Planetoid.Split` asks for (PyG's `Planetoid(split=...)`).
enum PlanetoidSplits {
    static func make(_ split: Planetoid.Split, data: PlanetoidData, rawDirectory: URL,
                     dataset: Planetoid.Name) throws -> NodeSplit {
        let n = data.graph.numNodes
        let train = Array(0..<data.numTrain)
        let validation = Array(data.numTrain..<Swift.min(data.numTrain + 500, n))
        switch split {
        case .public:
            return try NodeSplit(numNodes: n, train: train, validation: validation, test: data.testIndex)
        case .full:
            var s = try NodeSplit(numNodes: n, train: [], validation: validation, test: data.testIndex)
            s.train = (0..<n).map { !s.validation[$0] && !s.test[$0] }
            return s
        case .random(let perClass, let numValidation, let numTest, let seed):
            return try random(labels: data.graph.nodeLabels?.classIds ?? [], numClasses: data.numClasses,
                              perClass: perClass, validation: numValidation, test: numTest, seed: seed)
        case .geomGCN(let k):
            let dir = rawDirectory.deletingLastPathComponent().appendingPathComponent("geom-gcn-splits")
            return try GeomGCNReader.readSplit(dir.appendingPathComponent(Planetoid.geomGCNFileName(dataset, k)), numNodes: n)
        }
    }

    /// PyG's random split: for each class, `perClass` of its nodes drawn at random
    /// train; of the remaining nodes in random order, the first `validation` validate
    /// and the next `test` test. Seeded by `seed` (`RandomGenerator`), so the same seed
    /// gives the same split; the draws differ from torch's.
    static func random(labels: [Int32], numClasses: Int, perClass: Int, validation: Int, test: Int,
                       seed: UInt64) throws -> NodeSplit {
        let n = labels.count
        var rng = RandomGenerator(seed: seed)
        var isTrain = [Bool](repeating: false, count: n)
        for c in 0..<numClasses {
            let members = labels.indices.filter { labels[$0] == Int32(c) }
            let order = rng.permutation(members.count)
            for k in order.prefix(perClass) { isTrain[members[k]] = true }
        }
        let rest = isTrain.indices.filter { !isTrain[$0] }
        let shuffled = rng.permutation(rest.count).map { rest[$0] }
        let v = Array(shuffled.prefix(validation))
        let t = Array(shuffled.dropFirst(validation).prefix(test))
        return try NodeSplit(numNodes: n, train: isTrain.indices.filter { isTrain[$0] }, validation: v, test: t)
    }
}
