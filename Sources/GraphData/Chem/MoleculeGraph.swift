/// Molecules as graphs with OGB's integer features (`ogb.utils.smiles2graph`, which
/// LRGB's Peptides and PyG's `from_smiles`-style pipelines use).
///
/// Nodes are the molecule's atoms (heavy atoms plus the hydrogens RDKit keeps: `[2H]`,
/// `[HH]`), edges both directions of every bond in bond order (`i->j`, then `j->i`).
///
/// Node features, 9 integer columns (`x`, stored as Float):
/// | column | value | OGB index |
/// |---|---|---|
/// | 0 | atomic number 1...118 | Z - 1 (misc 118) |
/// | 1 | chirality unspecified / CW / CCW / other | 0...3 |
/// | 2 | total degree (neighbours + H) 0...10 | itself (misc 11) |
/// | 3 | formal charge -5...5 | charge + 5 (misc 11) |
/// | 4 | total H 0...8 | itself (misc 9) |
/// | 5 | radical electrons 0...4 | itself (misc 5) |
/// | 6 | hybridization SP, SP2, SP3, SP3D, SP3D2 | 0...4 (misc 5) |
/// | 7 | is aromatic | 0/1 |
/// | 8 | is in ring | 0/1 |
///
/// Edge features, 3 columns: bond type (single 0, double 1, triple 2, aromatic 3,
/// misc 4), stereo (none 0, Z 1, E 2, cis 3, trans 4, any 5), is conjugated (0/1).
///
/// Agreement with RDKit 2026.09.1 + OGB's featurizer, measured by
/// `scripts/molecule_features_reference.py` over every atom and bond of the three
/// molecule datasets (atom and bond counts match exactly; see `MoleculeDatasetTests`):
/// see the table in `Sources/GraphData/Datasets/Molecules/README.md`.
public enum MoleculeGraph {
    /// Number of node feature columns (9).
    public static let nodeFeatureCount = 9
    /// Number of edge feature columns (3).
    public static let edgeFeatureCount = 3

    /// OGB's 9 atom features of atom `i`.
    public static func atomFeatures(_ m: Molecule, _ i: Int, degree: Int) -> [Int] {
        let a = m.atoms[i]
        func safe(_ v: Int, _ range: ClosedRange<Int>, misc: Int) -> Int { range.contains(v) ? v : misc }
        let z = (1...118).contains(a.atomicNumber) ? a.atomicNumber - 1 : 118
        return [
            z,
            a.chirality.rawValue,
            safe(degree + a.totalHydrogens, 0...10, misc: 11),
            (-5...5).contains(a.formalCharge) ? a.formalCharge + 5 : 11,
            safe(a.totalHydrogens, 0...8, misc: 9),
            safe(a.radicalElectrons, 0...4, misc: 5),
            Swift.min(a.hybridization.rawValue, 5),
            a.isAromatic ? 1 : 0,
            a.isInRing ? 1 : 0,
        ]
    }

    /// OGB's 3 bond features of bond `k`.
    public static func bondFeatures(_ m: Molecule, _ k: Int) -> [Int] {
        let b = m.bonds[k]
        return [Swift.min(b.type.rawValue, 4), b.stereo.rawValue, b.isConjugated ? 1 : 0]
    }

    /// The molecule as a graph: `numNodes` atoms, `2 * bonds` directed edges, node
    /// features `[N, 9]` and edge features `[E, 3]` (dense Float).
    public static func graph(_ m: Molecule) throws -> Graph {
        var degree = [Int](repeating: 0, count: m.atoms.count)
        var source: [Int32] = [], target: [Int32] = []
        var edgeValues: [Float] = []
        source.reserveCapacity(2 * m.bonds.count)
        target.reserveCapacity(2 * m.bonds.count)
        edgeValues.reserveCapacity(6 * m.bonds.count)
        for k in m.bonds.indices {
            let b = m.bonds[k]
            degree[b.begin] += 1
            degree[b.end] += 1
            let f = bondFeatures(m, k).map(Float.init)
            source += [Int32(b.begin), Int32(b.end)]
            target += [Int32(b.end), Int32(b.begin)]
            edgeValues += f + f
        }
        var nodeValues: [Float] = []
        nodeValues.reserveCapacity(nodeFeatureCount * m.atoms.count)
        for i in m.atoms.indices {
            nodeValues += atomFeatures(m, i, degree: degree[i]).map(Float.init)
        }
        var g = try Graph(numNodes: m.atoms.count, source: source, target: target)
        g.nodeFeatures = try .dense(m.atoms.count, nodeFeatureCount, nodeValues)
        g.edgeFeatures = try .dense(source.count, edgeFeatureCount, edgeValues)
        return g
    }

    /// Parses `smiles` and returns its graph (`MolFromSmiles` + `smiles2graph`).
    public static func graph(smiles: String) throws -> Graph {
        try graph(Molecule(smiles: smiles))
    }
}
