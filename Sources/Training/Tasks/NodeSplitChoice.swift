/// Which node split a run of a node-classification experiment trains on.
public enum NodeSplitChoice: Sendable, Equatable {
    /// The dataset's own split number k (Planetoid's public split is 0; geom-gcn and
    /// heterophilous graphs carry 10). When the dataset has several and `k` is nil, run r
    /// uses split `r mod count`.
    case dataset(Int?)
    /// A fresh random split per run (Shchur et al. 2018): `perClass` training nodes of
    /// every class, `validationPerClass · C` validation nodes drawn from the rest, every
    /// other node test (PyG's `RandomNodeSplit(split="test_rest")`).
    case randomPerClass(perClass: Int, validationPerClass: Int)

    /// The dataset's splits when it has any, else Shchur et al.'s 20 / 30 per class.
    public static func `default`(for graph: Graph) -> NodeSplitChoice {
        graph.splits.isEmpty ? .randomPerClass(perClass: 20, validationPerClass: 30) : .dataset(nil)
    }

    /// The split of run `run`, drawn with `seed` when random.
    public func split(of graph: Graph, run: Int, seed: UInt64) throws -> NodeSplit {
        switch self {
        case .dataset(let k):
            guard !graph.splits.isEmpty else {
                throw TrainingError(.invalidInput, "node split", "the dataset has no node split; use a random split")
            }
            let index = k ?? run % graph.splits.count
            guard graph.splits.indices.contains(index) else {
                throw TrainingError(.invalidInput, "node split", "split \(index) requested, the dataset has \(graph.splits.count) (0..<\(graph.splits.count))")
            }
            return graph.splits[index]
        case .randomPerClass(let perClass, let validationPerClass):
            let classes = graph.nodeLabels?.numClasses ?? 0
            let g = try graph.randomNodeSplit(mode: .testRest, numTrainPerClass: perClass,
                                              numVal: .count(validationPerClass * classes), seed: seed)
            return g.splits[0]
        }
    }

    /// For reports: `dataset split 0`, `random 20 per class train, 30 per class validation`.
    public func describe(_ graph: Graph) -> String {
        switch self {
        case .dataset(let k):
            if let k { return "dataset split \(k)" }
            return graph.splits.count == 1 ? "dataset split" : "dataset splits 0-\(graph.splits.count - 1), one per run"
        case .randomPerClass(let p, let v):
            return "random per run: \(p) per class train, \(v)·C validation, rest test"
        }
    }
}
