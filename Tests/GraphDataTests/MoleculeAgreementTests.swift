import Foundation
import Testing
import TestSupport
@testable import GraphData

/// Compares SwiftGNN's molecular graphs with RDKit's (the reference files written by
/// `scripts/molecule_features_reference.py` into `.build/molecule-reference`), feature
/// by feature. Skipped when the reference files or the shared data are absent.
enum MoleculeReference {
    static var directory: URL? {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = packageRoot.appendingPathComponent(".build/molecule-reference")
        return FileManager.default.fileExists(atPath: dir.appendingPathComponent("ZINC-micro.counts").path) ? dir : nil
    }
    static var available: Bool { directory != nil && SharedData.available }

    struct Report {
        var graphs = 0
        var countMismatches: [Int] = []
        var edgeOrderMismatches = 0
        var nodeAgree = [Int](repeating: 0, count: 9)
        var edgeAgree = [Int](repeating: 0, count: 3)
        var nodes = 0
        var edges = 0
        var firstDifferences: [String] = []

        func rates() -> String {
            let nodeNames = ["atomic_num", "chirality", "degree", "formal_charge", "num_hs", "radicals",
                             "hybridization", "aromatic", "in_ring"]
            let edgeNames = ["bond_type", "stereo", "conjugated"]
            var s = "graphs \(graphs), nodes \(nodes), edges \(edges), count mismatches \(countMismatches.count), edge-order mismatches \(edgeOrderMismatches)\n"
            for (k, n) in nodeNames.enumerated() {
                s += String(format: "  %@ %.5f%%", n, 100 * Double(nodeAgree[k]) / Double(Swift.max(nodes, 1)))
            }
            s += "\n"
            for (k, n) in edgeNames.enumerated() {
                s += String(format: "  %@ %.5f%%", n, 100 * Double(edgeAgree[k]) / Double(Swift.max(edges, 1)))
            }
            return s
        }
    }

    static func load<T>(_ url: URL, as: T.Type) throws -> [T] {
        let d = try Data(contentsOf: url)
        return d.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
    }

    static func compare(_ name: String, smiles: [String]) throws -> Report {
        guard let dir = directory else { return Report() }
        let counts: [Int32] = try load(dir.appendingPathComponent("\(name).counts"), as: Int32.self)
        let x: [Int8] = try load(dir.appendingPathComponent("\(name).x"), as: Int8.self)
        let ei: [Int32] = try load(dir.appendingPathComponent("\(name).ei"), as: Int32.self)
        let ea: [Int8] = try load(dir.appendingPathComponent("\(name).ea"), as: Int8.self)
        var r = Report()
        var nodeOffset = 0, edgeOffset = 0
        for (gi, s) in smiles.enumerated() {
            let g = try MoleculeGraph.graph(smiles: s)
            let n = Int(counts[2 * gi]), e = Int(counts[2 * gi + 1])
            defer { nodeOffset += n; edgeOffset += e }
            r.graphs += 1
            guard g.numNodes == n, g.numEdges == e else {
                r.countMismatches.append(gi)
                if r.firstDifferences.count < 10 { r.firstDifferences.append("graph \(gi) counts \(g.numNodes)/\(g.numEdges) vs \(n)/\(e): \(s)") }
                continue
            }
            r.nodes += n
            r.edges += e
            let xs = g.nodeFeatures!.denseValues()
            for i in 0..<n {
                for k in 0..<9 {
                    if Int(xs[i * 9 + k]) == Int(x[(nodeOffset + i) * 9 + k]) {
                        r.nodeAgree[k] += 1
                    } else if r.firstDifferences.count < 40 {
                        r.firstDifferences.append("graph \(gi) atom \(i) feature \(k): \(Int(xs[i * 9 + k])) vs RDKit \(x[(nodeOffset + i) * 9 + k]): \(s)")
                    }
                }
            }
            var orderOK = true
            for j in 0..<e where Int(g.source[j]) != Int(ei[2 * (edgeOffset + j)]) || Int(g.target[j]) != Int(ei[2 * (edgeOffset + j) + 1]) {
                orderOK = false
            }
            if !orderOK {
                r.edgeOrderMismatches += 1
                if r.firstDifferences.count < 40 { r.firstDifferences.append("graph \(gi) edge order differs: \(s)") }
                continue
            }
            let es = g.edgeFeatures!.denseValues()
            for j in 0..<e {
                for k in 0..<3 {
                    if Int(es[j * 3 + k]) == Int(ea[(edgeOffset + j) * 3 + k]) {
                        r.edgeAgree[k] += 1
                    } else if r.firstDifferences.count < 40 {
                        r.firstDifferences.append("graph \(gi) edge \(j) feature \(k): \(Int(es[j * 3 + k])) vs RDKit \(ea[(edgeOffset + j) * 3 + k]): \(s)")
                    }
                }
            }
        }
        return r
    }
}

@Suite struct MoleculeAgreementTests {
    func smiles(_ dataset: String) throws -> [String] {
        let root = try #require(SharedData.root)
        switch dataset {
        case "ZINC-micro":
            return try CSVTable(contentsOf: root.appendingPathComponent("ZINC-micro/raw/micro_ZINC.csv")).column("SMILES")
        case "QM9-micro":
            return try CSVTable(contentsOf: root.appendingPathComponent("QM9-micro/raw/micro_qm9.csv")).column("smiles")
        default:
            let data = try Gzip.decompress(contentsOf: root.appendingPathComponent("Peptides-func/raw/peptide_multi_class_dataset.csv.gz"))
            let all = try CSVTable(parsing: data).column("smiles")
            let limit = Int(ProcessInfo.processInfo.environment["MOLECULE_AGREEMENT_LIMIT"] ?? "") ?? all.count
            return Array(all.prefix(limit))
        }
    }

    @Test(.enabled(if: MoleculeReference.available), arguments: ["ZINC-micro", "QM9-micro", "Peptides-func"])
    func featuresAgreeWithRDKit(_ dataset: String) throws {
        let r = try MoleculeReference.compare(dataset, smiles: try smiles(dataset))
        print("[\(dataset)] " + r.rates())
        for d in r.firstDifferences.prefix(40) { print("  " + d) }
        #expect(r.countMismatches.isEmpty)
        #expect(r.edgeOrderMismatches == 0)
    }
}
