import Testing
@testable import GraphData

@Suite struct TransformSplitTests {
    func labelled() throws -> Graph {
        var g = try Graph(numNodes: 10, source: [], target: [])
        g.nodeLabels = .classes([0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
        return g
    }

    func count(_ m: [Bool]) -> Int { m.filter { $0 }.count }

    @Test func trainRestPartitionsAllNodes() throws {
        let g = try labelled().randomNodeSplit(numVal: .count(2), numTest: .fraction(0.3), seed: 1)
        let s = g.splits[0]
        #expect(count(s.validation) == 2 && count(s.test) == 3 && count(s.train) == 5)
        for i in 0..<10 { #expect([s.train[i], s.validation[i], s.test[i]].filter { $0 }.count == 1) }
        // Python's round: 10 * 0.25 = 2.5 rounds to 2.
        let half = try labelled().randomNodeSplit(numVal: .fraction(0.25), numTest: .count(0), seed: 1)
        #expect(count(half.splits[0].validation) == 2)
    }

    @Test func testRestTakesPerClassTrainingNodes() throws {
        let g = try labelled()
        let s = try g.randomNodeSplit(mode: .testRest, numTrainPerClass: 2, numVal: .count(2), seed: 3).splits[0]
        let y = g.nodeLabels!.classIds!
        for c in Int32(0)...2 { #expect((0..<10).filter { s.train[$0] && y[$0] == c }.count == 2) }
        #expect(count(s.validation) == 2 && count(s.test) == 2)
        for i in 0..<10 { #expect([s.train[i], s.validation[i], s.test[i]].filter { $0 }.count == 1) }

        let r = try g.randomNodeSplit(mode: .random, numSplits: 3, numTrainPerClass: 2,
                                      numVal: .count(2), numTest: .count(1), seed: 3)
        #expect(r.splits.count == 3)
        #expect(r.splits.allSatisfy { count($0.train) == 6 && count($0.validation) == 2 && count($0.test) == 1 })
        #expect(r.splits[0] != r.splits[1] || r.splits[1] != r.splits[2])
    }

    @Test func nodeSplitIsDeterministicPerSeed() throws {
        let g = try labelled()
        let a = try g.randomNodeSplit(numVal: .count(3), numTest: .count(3), seed: 42).splits
        let b = try g.randomNodeSplit(numVal: .count(3), numTest: .count(3), seed: 42).splits
        #expect(a == b)
        let others = try (43..<48).map { try g.randomNodeSplit(numVal: .count(3), numTest: .count(3), seed: $0).splits }
        #expect(others.contains { $0 != a })
    }

    @Test func nodeSplitRejectsBadSizes() throws {
        let g = try labelled()
        let bad: [() throws -> Graph] = [
            { try g.randomNodeSplit(numVal: .count(6), numTest: .count(6), seed: 0) },
            { try g.randomNodeSplit(numVal: .fraction(1.5), numTest: .count(0), seed: 0) },
            { try g.randomNodeSplit(numVal: .count(-1), numTest: .count(0), seed: 0) },
            { try g.randomNodeSplit(mode: .testRest, numTrainPerClass: 3, numVal: .count(5), seed: 0) },
            { try Graph(numNodes: 3, source: [], target: []).randomNodeSplit(mode: .testRest, seed: 0) },
            { try g.randomNodeSplit(numSplits: 0, seed: 0) },
        ]
        for make in bad { #expect { try make() } throws: { ($0 as? DataError)?.kind == .usage } }
    }

    @Test func negativeSamplingExhaustsSmallGraphs() throws {
        let g = try Graph(numNodes: 3, edges: [(0, 1), (1, 2), (2, 0)])
        let n = try g.negativeSampling(seed: 5)
        #expect(Set(edgePairs(try Graph(numNodes: 3, source: n.source, target: n.target))) == [[0, 2], [1, 0], [2, 1]])
        #expect(try g.negativeSampling(count: 10, seed: 5).count == 3)
        let loops = try g.negativeSampling(count: 10, allowSelfLoops: true, seed: 5)
        #expect(loops.count == 6 && zip(loops.source, loops.target).filter { $0 == $1 }.count == 3)
        #expect(try g.negativeSampling(count: 10, forceUndirected: true, seed: 5).count == 0)

        let one = try Graph(numNodes: 4, edges: [(0, 1)])
        let u = try one.negativeSampling(count: 100, forceUndirected: true, seed: 2)
        #expect(u.count == 10)
        #expect(Array(u.source[5...]) == Array(u.target[..<5]) && Array(u.target[5...]) == Array(u.source[..<5]))
        #expect(zip(u.source[..<5], u.target[..<5]).allSatisfy { $0 < $1 && !($0 == 0 && $1 == 1) })
        #expect { try one.negativeSampling(count: -1, seed: 0) } throws: { ($0 as? DataError)?.kind == .usage }
    }

    @Test func negativeSamplingAvoidsEdgesAndIsSeeded() throws {
        let g = try Graph.erdosRenyi(n: 60, p: 0.1, seed: 9)
        let edges = Set(edgePairs(g))
        let a = try g.negativeSampling(count: 150, seed: 1)
        #expect(a.count == 150)
        let pairs = zip(a.source, a.target).map { [$0, $1] }
        #expect(Set(pairs).count == 150)
        #expect(pairs.allSatisfy { $0[0] != $0[1] && !edges.contains($0) })
        #expect(try g.negativeSampling(count: 150, seed: 1) == a)
        #expect(try g.negativeSampling(count: 150, seed: 2) != a)
    }

    @Test func linkSplitUndirectedCounts() throws {
        var g = try Graph.ring(10)
        g.edgeWeight = (0..<20).map { Float($0) }
        let s = try g.randomLinkSplit(isUndirected: true, seed: 4)
        // 10 links: int(0.1 * 10) = 1 validation, int(0.2 * 10) = 2 test, 7 train.
        #expect(s.train.positiveCount == 7 && s.validation.positiveCount == 1 && s.test.positiveCount == 2)
        #expect(s.train.labels.count == 14 && s.validation.labels.count == 2 && s.test.labels.count == 4)
        #expect(s.train.graph.numEdges == 14 && s.validation.graph.numEdges == 14 && s.test.graph.numEdges == 16)
        #expect(s.train.graph.isUndirected && s.test.graph.isUndirected)
        #expect(s.train.graph.edgeWeight?.count == 14)
        let all = Set(edgePairs(g))
        let trainEdges = Set(edgePairs(s.train.graph))
        for part in [s.train, s.validation, s.test] {
            for k in 0..<part.labelPairs.count {
                let pair = [part.labelPairs.source[k], part.labelPairs.target[k]]
                #expect(all.contains(pair) == (part.labels[k] == 1))
                if part.labels[k] == 1 { #expect(pair[0] <= pair[1]) }
            }
        }
        for k in 0..<s.validation.labelPairs.count where s.validation.labels[k] == 1 {
            #expect(!trainEdges.contains([s.validation.labelPairs.source[k], s.validation.labelPairs.target[k]]))
        }
        let again = try g.randomLinkSplit(isUndirected: true, seed: 4)
        #expect(again.test.labelPairs == s.test.labelPairs)
    }

    @Test func linkSplitDirectedAndErrors() throws {
        let g = try Graph.erdosRenyi(n: 30, p: 0.2, directed: true, seed: 3)
        let s = try g.randomLinkSplit(numVal: .count(5), numTest: .fraction(0.1), negativeRatio: 2, seed: 8)
        let nTest = Int(Double(g.numEdges) * 0.1)
        #expect(s.test.positiveCount == nTest && s.validation.positiveCount == 5)
        #expect(s.train.graph.numEdges == g.numEdges - 5 - nTest)
        #expect(s.test.graph.numEdges == g.numEdges - nTest)
        #expect(s.validation.labels.count == 15)
        let noTrainNeg = try g.randomLinkSplit(addNegativeTrainSamples: false, seed: 8)
        #expect(noTrainNeg.train.labels.allSatisfy { $0 == 1 })
        #expect { try g.randomLinkSplit(numVal: .fraction(0.5), numTest: .fraction(0.5), seed: 0) }
            throws: { ($0 as? DataError)?.kind == .usage }
        #expect { try g.randomLinkSplit(negativeRatio: -1, seed: 0) } throws: { ($0 as? DataError)?.kind == .usage }
    }
}
