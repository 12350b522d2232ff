import Foundation
import Testing
import TestSupport
@testable import GraphData

/// The TU datasets in `../shared/data` load with the counts PyG reports.
@Suite struct TURealDataTests {
    func load(_ name: String, useNodeAttributes: Bool = false) throws -> Dataset {
        let root = try #require(SharedData.root)
        return try TUDataset(name: name, useNodeAttributes: useNodeAttributes).load(root: DataRoot(root), download: false)
    }

    @Test(.enabled(if: SharedData.available)) func mutag() throws {
        let d = try load("MUTAG")
        #expect(d.graphs.count == 188)
        #expect(d.totalNodes == 3371)
        #expect(d.totalEdges == 7442)
        #expect(d.numClasses == 2)
        #expect(d.numNodeFeatures == 7)
        #expect(d.numEdgeFeatures == 4)
        #expect(d.task == .graphClassification)
        let classes = d.graphs.map { $0.graphLabel?.classIds?.first ?? -1 }
        #expect(classes.filter { $0 == 1 }.count == 125)  // 125 mutagenic, 63 not
        // Every node has exactly one atom type.
        #expect(d.graphs.allSatisfy { g in (0..<g.numNodes).allSatisfy { g.nodeFeatures?.row($0).reduce(0, +) == 1 } })
    }

    @Test(.enabled(if: SharedData.available)) func enzymes() throws {
        let d = try load("ENZYMES")
        #expect(d.graphs.count == 600)
        #expect(d.totalNodes == 19580)
        #expect(d.totalEdges == 74564)
        #expect(d.numClasses == 6)
        #expect(d.numNodeFeatures == 3)
        let withAttributes = try load("ENZYMES", useNodeAttributes: true)
        #expect(withAttributes.numNodeFeatures == 21)
        // First node's attributes as written in ENZYMES_node_attributes.txt line 1.
        let first = withAttributes.graphs[0].nodeFeatures?.row(0) ?? []
        #expect(Array(first.prefix(3)) == [11, 15.887014, 37.78])
    }

    @Test(.enabled(if: SharedData.available)) func ptcAndImdb() throws {
        let ptc = try load("PTC_MR")
        #expect(ptc.graphs.count == 344)
        #expect(ptc.numClasses == 2)
        #expect(ptc.totalEdges == 10108)
        let imdb = try load("IMDB-BINARY")
        #expect(imdb.graphs.count == 1000)
        #expect(imdb.numClasses == 2)
        #expect(imdb.numNodeFeatures == 0)
        #expect(imdb.totalNodes == 19773)
        // The file lists most edges twice; coalescing keeps one of each.
        #expect(imdb.totalEdges == 193062)
    }
}
