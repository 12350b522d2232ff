import Foundation
import Testing
import TestSupport
@testable import GraphData

/// Every dataset of `../shared/data`, loaded by name through the catalog (what
/// `swiftgnn info --dataset NAME` does), against the counts of that folder's README and
/// of the published papers. Peptides-func is checked in `MoleculeDatasetTests` (its
/// 15 535 molecules take minutes in a debug build).
@Suite struct SharedDatasetCountsTests {
    struct Expected: Sendable, CustomStringConvertible {
        var name: String
        var graphs: Int?
        var nodes: Int
        var edges: Int?
        var features: Int
        var classes: Int
        var description: String { name }
    }

    static let table: [Expected] = [
        Expected(name: "Cora", nodes: 2708, edges: 10556, features: 1433, classes: 7),
        Expected(name: "CiteSeer", nodes: 3327, edges: 9104, features: 3703, classes: 6),
        Expected(name: "MUTAG", graphs: 188, nodes: 3371, edges: 7442, features: 7, classes: 2),
        Expected(name: "ENZYMES", graphs: 600, nodes: 19580, edges: 74564, features: 3, classes: 6),
        Expected(name: "PTC_MR", graphs: 344, nodes: 4915, edges: 10108, features: 18, classes: 2),
        Expected(name: "IMDB-BINARY", graphs: 1000, nodes: 19773, edges: 193062, features: 0, classes: 2),
        Expected(name: "EXP", graphs: 1200, nodes: 58442, edges: 145060, features: 2, classes: 2),
        Expected(name: "Cornell", nodes: 183, edges: 298, features: 1703, classes: 5),
        Expected(name: "Texas", nodes: 183, edges: 325, features: 1703, classes: 5),
        Expected(name: "Wisconsin", nodes: 251, edges: 515, features: 1703, classes: 5),
        Expected(name: "Chameleon", nodes: 2277, edges: 36101, features: 0, classes: 0),
        Expected(name: "AmazonPhoto", nodes: 7650, edges: 238162, features: 745, classes: 8),
        Expected(name: "CoauthorCS", nodes: 18333, edges: 163788, features: 6805, classes: 15),
        Expected(name: "minesweeper", nodes: 10000, edges: 78804, features: 7, classes: 2),
        Expected(name: "tolokers", nodes: 11758, edges: 1038000, features: 10, classes: 2),
        Expected(name: "chameleon_filtered", nodes: 890, edges: 17708, features: 2325, classes: 5),
        Expected(name: "ZINC-micro", graphs: 1002, nodes: 23165, edges: 49820, features: 9, classes: 1),
        Expected(name: "QM9-micro", graphs: 1006, nodes: 8808, edges: 18846, features: 9, classes: 19),
    ]

    @Test(.enabled(if: SharedData.available), arguments: table)
    func loadsWithPublishedCounts(_ e: Expected) throws {
        let root = try #require(SharedData.root)
        let dataset = try DatasetCatalog.load(e.name, root: DataRoot(root), download: false)
        let s = try DatasetSummary(dataset)
        #expect(s.graphs == e.graphs)
        #expect(s.nodes == e.nodes)
        if let edges = e.edges { #expect(s.edges == edges) }
        #expect(s.features == e.features)
        #expect(s.classes == e.classes)
    }
}
