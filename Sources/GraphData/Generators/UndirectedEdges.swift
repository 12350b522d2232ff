/// Collects undirected links and emits them as a coalesced graph with both directions,
/// the convention of every undirected generator (PyG stores both directions).
struct UndirectedEdges {
    let numNodes: Int
    private(set) var links: [(Int32, Int32)] = []

    init(numNodes: Int) { self.numNodes = numNodes }

    mutating func add(_ u: Int, _ v: Int) {
        links.append((Int32(truncatingIfNeeded: u), Int32(truncatingIfNeeded: v)))
    }

    /// Both directions of every link, sorted by `(source, target)`, duplicates merged.
    func graph() throws -> Graph {
        var keys: [Int] = []
        keys.reserveCapacity(2 * links.count)
        for (u, v) in links {
            keys.append(Int(u) * numNodes + Int(v))
            keys.append(Int(v) * numNodes + Int(u))
        }
        keys.sort()
        var source: [Int32] = [], target: [Int32] = []
        var previous = -1
        for k in keys where k != previous {
            source.append(Int32(truncatingIfNeeded: k / numNodes))
            target.append(Int32(truncatingIfNeeded: k % numNodes))
            previous = k
        }
        return try Graph(numNodes: numNodes, source: source, target: target)
    }
}

/// Argument checks shared by the generators; every failure is a `.usage` error.
enum GeneratorCheck {
    static func nodes(_ n: Int, _ generator: String, minimum: Int = 0) throws {
        guard n >= minimum else {
            throw DataError(.usage, "\(generator): node count \(n), expected >= \(minimum)")
        }
        guard n <= 1 << 24 else {
            throw DataError(.usage, "\(generator): node count \(n) is over the generator limit \(1 << 24)")
        }
    }

    /// Largest number of directed edges a generator will produce (2^27, about 1 GB of
    /// edge lists), so an argument typo cannot exhaust memory.
    static let edgeLimit = 1 << 27

    static func edges(_ expected: Double, _ generator: String) throws {
        guard expected <= Double(edgeLimit) else {
            throw DataError(.usage, "\(generator): the arguments give about \(Int(expected.rounded())) edges; the limit is \(edgeLimit)")
        }
    }

    static func probability(_ p: Double, _ generator: String, _ what: String = "p") throws {
        guard p >= 0 && p <= 1 else {
            throw DataError(.usage, "\(generator): \(what) = \(p), expected a probability in 0...1")
        }
    }
}
