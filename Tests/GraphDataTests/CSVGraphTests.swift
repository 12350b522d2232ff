import Foundation
import Testing
@testable import GraphData

@Suite struct CSVGraphTests {
    /// Writes `files` into a fresh temporary directory and returns its URL.
    func directory(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvgraph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    @Test func edgesOnlyNumbersNodesByFirstAppearance() throws {
        let dir = try directory(["e.csv": "source,target\nb,a\na,c\nc,b\n"])
        let ds = try CSVGraph(edges: dir.appendingPathComponent("e.csv")).load()
        #expect(ds.name == "e" && ds.graph.numNodes == 3)
        #expect(ds.graph.source == [0, 1, 2] && ds.graph.target == [1, 2, 0])
        #expect(ds.graph.nodeFeatures == nil && ds.graph.nodeLabels == nil)
    }

    @Test func nodeTableGivesOrderFeaturesAndLabels() throws {
        let dir = try directory([
            "edges.csv": "from;to;w\nn2;n0;0.5\nn0;n1;2\n",
            "nodes.csv": "name;f1;kind;f2\nn0;1;cat;0\nn1;0;dog;1.5\nn2;2;cat;-1\n",
        ])
        let ds = try CSVGraph(edges: dir.appendingPathComponent("edges.csv"), nodes: dir.appendingPathComponent("nodes.csv"),
                              sourceColumn: "from", targetColumn: "to", weightColumn: "w",
                              idColumn: "name", labelColumn: "kind", undirected: true, separator: ";").load()
        let g = ds.graph
        #expect(g.numNodes == 3 && ds.numClasses == 2)
        // Symmetrised and sorted by (source, target): 0-1, 0-2, 1-0, 2-0.
        #expect(g.source == [0, 0, 1, 2] && g.target == [1, 2, 0, 0])
        #expect(g.edgeWeight == [2, 0.5, 2, 0.5])
        #expect(g.nodeFeatures == (try .dense(3, 2, [1, 0, 0, 1.5, 2, -1])))
        #expect(g.nodeLabels == .classes([0, 1, 0]))
    }

    @Test func integerLabelsAreClassIds() throws {
        let (labels, classes) = CSVGraph.classLabels(["2", " 0", "5"])
        #expect(labels == .classes([2, 0, 5]) && classes == 6)
        let (named, count) = CSVGraph.classLabels(["b", "-1", "b"])
        #expect(named == .classes([1, 0, 1]) && count == 2)
    }

    @Test func badInputNamesFileAndLine() throws {
        let dir = try directory([
            "e.csv": "source,target\n0,1\n1,9\n",
            "n.csv": "id,label,x\n0,0,1\n1,1,oops\n",
            "n2.csv": "id,label\n0,0\n0,1\n",
            "w.csv": "source,target,w\n0,1,heavy\n",
            "short.csv": "source,target\n0\n",
        ])
        func error(_ e: String, _ n: String? = nil, weight: String? = nil) -> DataError? {
            do {
                _ = try CSVGraph(edges: dir.appendingPathComponent(e), nodes: n.map { dir.appendingPathComponent($0) },
                                 weightColumn: weight).load()
                return nil
            } catch let e as DataError { return e } catch { return nil }
        }
        let unknownNode = try #require(error("e.csv", "n2.csv"))
        #expect(unknownNode.file == "n2.csv" && unknownNode.location == "line 3" && unknownNode.message.contains("twice"))
        let badFeature = try #require(error("e.csv", "n.csv"))
        #expect(badFeature.file == "n.csv" && badFeature.location == "line 3" && badFeature.message.contains("oops"))
        let badWeight = try #require(error("w.csv", weight: "w"))
        #expect(badWeight.file == "w.csv" && badWeight.location == "line 2")
        let missingColumn = try #require(error("e.csv", weight: "weight"))
        #expect(missingColumn.message.contains("weight"))
        #expect(error("short.csv") != nil)
        let dir2 = try directory(["e.csv": "source,target\n0,1\n1,7\n", "n.csv": "id\n0\n1\n"])
        do {
            _ = try CSVGraph(edges: dir2.appendingPathComponent("e.csv"), nodes: dir2.appendingPathComponent("n.csv")).load()
            Issue.record("edge to an unknown node must throw")
        } catch let e as DataError {
            #expect(e.file == "e.csv" && e.location == "line 3" && e.message.contains("'7'"))
        }
    }
}
