/// A ring of the smallest set of smallest rings: its atoms and its bonds.
struct Ring {
    var atoms: [Int]
    var bonds: [Int]
}

extension Molecule {
    /// Marks ring bonds (a bond is in a ring iff it is not a bridge, found with Tarjan's
    /// low-link numbers in one iterative depth-first search) and ring atoms (an atom is
    /// in a ring iff one of its bonds is).
    /// - Complexity: O(atoms + bonds).
    mutating func markRingBonds(_ incident: [[Int]]) {
        let n = atoms.count
        var order = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var isBridge = [Bool](repeating: false, count: bonds.count)
        var counter = 0
        for root in 0..<n where order[root] < 0 {
            // Stack of (atom, bond used to enter it, next incident position).
            var stack: [(atom: Int, via: Int, next: Int)] = [(root, -1, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            while let top = stack.last {
                if top.next < incident[top.atom].count {
                    stack[stack.count - 1].next += 1
                    let k = incident[top.atom][top.next]
                    if k == top.via { continue }
                    let w = bonds[k].other(top.atom)
                    if order[w] < 0 {
                        order[w] = counter
                        low[w] = counter
                        counter += 1
                        stack.append((w, k, 0))
                    } else {
                        low[top.atom] = Swift.min(low[top.atom], order[w])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        low[parent.atom] = Swift.min(low[parent.atom], low[top.atom])
                        if low[top.atom] > order[parent.atom] { isBridge[top.via] = true }
                    }
                }
            }
        }
        for k in bonds.indices {
            bonds[k].isInRing = !isBridge[k]
            if !isBridge[k] {
                atoms[bonds[k].begin].isInRing = true
                atoms[bonds[k].end].isInRing = true
            }
        }
    }

    /// The smallest set of smallest rings: for every ring bond the shortest cycle through
    /// it (breadth-first search over ring bonds), then, smallest first, the cycles
    /// independent over GF(2) until there are `bonds - atoms + components` of them
    /// (counted over ring bonds).
    func smallestRings(_ incident: [[Int]]) -> [Ring] {
        let ringBonds = bonds.indices.filter { bonds[$0].isInRing }
        guard !ringBonds.isEmpty else { return [] }
        // Cycle rank of the ring-bond subgraph.
        var parent = Array(atoms.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var ringAtoms = Set<Int>()
        var components = 0
        for k in ringBonds {
            ringAtoms.insert(bonds[k].begin)
            ringAtoms.insert(bonds[k].end)
        }
        components = ringAtoms.count
        for k in ringBonds {
            let a = find(bonds[k].begin), b = find(bonds[k].end)
            if a != b {
                parent[a] = b
                components -= 1
            }
        }
        let rank = ringBonds.count - ringAtoms.count + components

        var candidates: [Ring] = []
        var seen = Set<[Int]>()
        for k in ringBonds {
            guard let path = shortestPath(from: bonds[k].begin, to: bonds[k].end, avoiding: k, incident) else { continue }
            let ringBondsOfCycle = (path.bonds + [k]).sorted()
            if seen.insert(ringBondsOfCycle).inserted {
                candidates.append(Ring(atoms: path.atoms, bonds: ringBondsOfCycle))
            }
        }
        candidates.sort { $0.bonds.count < $1.bonds.count }
        // Gaussian elimination over GF(2) on bond-incidence bit vectors.
        let words = (bonds.count + 63) / 64
        var basis: [(pivot: Int, bits: [UInt64])] = []
        var chosen: [Ring] = []
        for ring in candidates {
            if chosen.count == rank { break }
            var bits = [UInt64](repeating: 0, count: words)
            for k in ring.bonds { bits[k / 64] |= 1 << UInt64(k % 64) }
            for (pivot, row) in basis where bits[pivot / 64] & (1 << UInt64(pivot % 64)) != 0 {
                for w in 0..<words { bits[w] ^= row[w] }
            }
            guard let w = bits.firstIndex(where: { $0 != 0 }) else { continue }
            let pivot = w * 64 + bits[w].trailingZeroBitCount
            basis.append((pivot, bits))
            chosen.append(ring)
        }
        return chosen
    }

    /// Shortest path over ring bonds from `a` to `b` without bond `skip`.
    private func shortestPath(from a: Int, to b: Int, avoiding skip: Int, _ incident: [[Int]])
        -> (atoms: [Int], bonds: [Int])? {
        var via = [Int](repeating: -2, count: atoms.count)
        via[a] = -1
        var queue = [a]
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            if u == b { break }
            for k in incident[u] where k != skip && bonds[k].isInRing {
                let w = bonds[k].other(u)
                if via[w] == -2 {
                    via[w] = k
                    queue.append(w)
                }
            }
        }
        guard via[b] != -2 else { return nil }
        var pathAtoms = [b], pathBonds: [Int] = []
        var u = b
        while u != a {
            let k = via[u]
            pathBonds.append(k)
            u = bonds[k].other(u)
            pathAtoms.append(u)
        }
        return (pathAtoms, pathBonds)
    }
}
