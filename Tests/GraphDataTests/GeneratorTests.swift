import Testing
@testable import GraphData

@Suite struct GeneratorTests {
    /// Undirected, coalesced, no self loops.
    func isSimpleUndirected(_ g: Graph) -> Bool {
        g.isUndirected && g.isCoalesced && !g.hasSelfLoops
    }

    @Test func deterministicShapesHaveExactEdges() throws {
        #expect(edgePairs(try Graph.path(3)) == [[0, 1], [1, 0], [1, 2], [2, 1]])
        #expect(try Graph.path(1).numEdges == 0 && Graph.path(0).numNodes == 0)
        #expect(edgePairs(try Graph.grid(rows: 2, cols: 2)) ==
                [[0, 1], [0, 2], [1, 0], [1, 3], [2, 0], [2, 3], [3, 1], [3, 2]])
        let grid = try Graph.grid(rows: 3, cols: 4)
        #expect(grid.numNodes == 12 && grid.numEdges == 2 * (3 * 3 + 4 * 2))
        let ring = try Graph.ring(5)
        #expect(ring.numEdges == 10 && ring.inDegree().allSatisfy { $0 == 2 })
        let complete = try Graph.complete(5)
        #expect(complete.numEdges == 20 && complete.outDegree().allSatisfy { $0 == 4 })
        let tree = try Graph.tree(branching: 2, depth: 3)
        #expect(tree.numNodes == 15 && tree.numEdges == 28)
        #expect(tree.outgoing.neighbors(1) == [0, 3, 4])
        #expect(try Graph.tree(branching: 3, depth: 2).numNodes == 13)
        #expect(try Graph.tree(branching: 4, depth: 0).numNodes == 1)
        for g in [grid, ring, complete, tree] {
            #expect(isSimpleUndirected(g))
            #expect(g.connectedComponents().count == 1)
        }
    }

    @Test func deterministicShapesRejectBadArguments() {
        let bad: [() throws -> Graph] = [
            { try Graph.path(-1) }, { try Graph.ring(2) }, { try Graph.complete(-3) },
            { try Graph.complete(5000) }, { try Graph.grid(rows: -1, cols: 3) },
            { try Graph.grid(rows: Int.max, cols: 3) }, { try Graph.tree(branching: 0, depth: 2) },
            { try Graph.tree(branching: 10, depth: 30) },
        ]
        for make in bad { #expect { try make() } throws: { ($0 as? DataError)?.kind == .usage } }
    }

    @Test func erdosRenyiEdgeCountWithinBound() throws {
        let g = try Graph.erdosRenyi(n: 200, p: 0.05, seed: 11)
        // Links ~ Binomial(19900, 0.05): mean 995, sd 30.7; allow 5 sd.
        #expect(abs(g.numEdges / 2 - 995) < 154)
        #expect(isSimpleUndirected(g))
        let d = try Graph.erdosRenyi(n: 200, p: 0.05, directed: true, seed: 11)
        // Edges ~ Binomial(39800, 0.05): mean 1990, sd 43.5.
        #expect(abs(d.numEdges - 1990) < 218)
        #expect(d.isCoalesced && !d.hasSelfLoops && !d.isUndirected)
    }

    @Test func erdosRenyiIsSeededAndHandlesExtremes() throws {
        let a = try Graph.erdosRenyi(n: 50, p: 0.1, seed: 1)
        #expect(edgePairs(a) == edgePairs(try Graph.erdosRenyi(n: 50, p: 0.1, seed: 1)))
        #expect(edgePairs(a) != edgePairs(try Graph.erdosRenyi(n: 50, p: 0.1, seed: 2)))
        #expect(try Graph.erdosRenyi(n: 10, p: 0, seed: 1).numEdges == 0)
        #expect(try Graph.erdosRenyi(n: 10, p: 1, seed: 1).numEdges == 90)
        #expect(try Graph.erdosRenyi(n: 10, p: 1, directed: true, seed: 1).numEdges == 90)
        #expect { try Graph.erdosRenyi(n: 10, p: 1.5, seed: 1) } throws: { ($0 as? DataError)?.kind == .usage }
        #expect { try Graph.erdosRenyi(n: -1, p: 0.5, seed: 1) } throws: { ($0 as? DataError)?.kind == .usage }
        #expect { try Graph.erdosRenyi(n: 1 << 20, p: 0.5, seed: 1) } throws: { ($0 as? DataError)?.kind == .usage }
    }

    @Test func barabasiAlbertCountsAndDegrees() throws {
        let g = try Graph.barabasiAlbert(n: 50, m: 3, seed: 7)
        #expect(g.numEdges == 2 * 3 * (50 - 3))
        #expect(isSimpleUndirected(g))
        #expect(g.connectedComponents().count == 1)
        let deg = g.outDegree()
        #expect((4..<50).allSatisfy { deg[$0] >= 3 })
        #expect(edgePairs(g) == edgePairs(try Graph.barabasiAlbert(n: 50, m: 3, seed: 7)))
        #expect(try Graph.barabasiAlbert(n: 2, m: 1, seed: 0).numEdges == 2)
        for (n, m) in [(5, 0), (5, 5), (3, 7)] {
            #expect { try Graph.barabasiAlbert(n: n, m: m, seed: 0) } throws: { ($0 as? DataError)?.kind == .usage }
        }
    }

    @Test func stochasticBlockModel() throws {
        let exact = try Graph.stochasticBlockModel(blockSizes: [20, 30], edgeProbabilities: [[1, 0], [0, 1]], seed: 1)
        #expect(exact.numEdges == 20 * 19 + 30 * 29)
        #expect(exact.connectedComponents().sizes == [20, 30])
        #expect(exact.nodeLabels?.classIds == [Int32](repeating: 0, count: 20) + [Int32](repeating: 1, count: 30))
        #expect(try exact.homophily() == 1)

        let g = try Graph.stochasticBlockModel(blockSizes: [40, 60], edgeProbabilities: [[0.3, 0.02], [0.02, 0.2]], seed: 5)
        #expect(isSimpleUndirected(g))
        let y = g.nodeLabels!.classIds!
        let between = zip(g.source, g.target).filter { y[Int($0)] != y[Int($1)] }.count / 2
        // Between-block links ~ Binomial(2400, 0.02): mean 48, sd 6.9.
        #expect(abs(between - 48) < 35)
        let within0 = zip(g.source, g.target).filter { y[Int($0)] == 0 && y[Int($1)] == 0 }.count / 2
        // ~ Binomial(780, 0.3): mean 234, sd 12.8.
        #expect(abs(within0 - 234) < 64)

        let d = try Graph.stochasticBlockModel(blockSizes: [5, 5], edgeProbabilities: [[1, 1], [0, 1]], directed: true, seed: 2)
        #expect(d.numEdges == 5 * 4 + 5 * 4 + 25 && !d.hasSelfLoops)

        let bad: [() throws -> Graph] = [
            { try Graph.stochasticBlockModel(blockSizes: [2, 2], edgeProbabilities: [[0.5, 0.1], [0.2, 0.5]], seed: 0) },
            { try Graph.stochasticBlockModel(blockSizes: [2, 2], edgeProbabilities: [[0.5, 0.1]], seed: 0) },
            { try Graph.stochasticBlockModel(blockSizes: [2], edgeProbabilities: [[1.5]], seed: 0) },
            { try Graph.stochasticBlockModel(blockSizes: [-2], edgeProbabilities: [[0.5]], seed: 0) },
        ]
        for make in bad { #expect { try make() } throws: { ($0 as? DataError)?.kind == .usage } }
    }

    @Test func randomRegularHasDegreeD() throws {
        for (n, d, seed) in [(20, 3, UInt64(1)), (30, 4, 2), (12, 11, 3), (50, 7, 4)] {
            let g = try Graph.randomRegular(n: n, d: d, seed: seed)
            #expect(g.numEdges == n * d)
            #expect(g.outDegree().allSatisfy { $0 == d })
            #expect(isSimpleUndirected(g))
        }
        #expect(try Graph.randomRegular(n: 6, d: 0, seed: 1).numEdges == 0)
        let a = try Graph.randomRegular(n: 20, d: 3, seed: 9)
        #expect(edgePairs(a) == edgePairs(try Graph.randomRegular(n: 20, d: 3, seed: 9)))
        #expect { try Graph.randomRegular(n: 5, d: 3, seed: 0) } throws: { e in
            guard let e = e as? DataError else { return false }
            return e.kind == .usage && e.message.contains("odd")
        }
        #expect { try Graph.randomRegular(n: 5, d: 5, seed: 0) } throws: { e in
            guard let e = e as? DataError else { return false }
            return e.kind == .usage && e.message.contains("d < n")
        }
        #expect { try Graph.randomRegular(n: 5, d: -2, seed: 0) } throws: { ($0 as? DataError)?.kind == .usage }
        #expect { try Graph.randomRegular(n: 1 << 24, d: 1000, seed: 0) } throws: { ($0 as? DataError)?.kind == .usage }
        #expect { try Graph.barabasiAlbert(n: 1 << 24, m: 100, seed: 0) } throws: { ($0 as? DataError)?.kind == .usage }
        #expect { try Graph.stochasticBlockModel(blockSizes: [1 << 20], edgeProbabilities: [[1]], seed: 0) }
            throws: { ($0 as? DataError)?.kind == .usage }
    }
}
