extension Molecule {
    /// Symmetry classes of atoms, ordered like CIP priorities: start from (atomic
    /// number, isotope), then refine each class by its neighbours sorted from the highest
    /// (a double bond lists its neighbour twice, a triple three times, hydrogens come
    /// last as the lowest) until the number of classes stops growing. Equal ranks mean
    /// topologically equivalent atoms (what decides whether a tagged atom is a real
    /// stereocentre); a higher rank means a higher priority (what E/Z compares).
    ///
    /// Refinement only splits classes and keeps the order of classes already apart, so
    /// it may stop as soon as `settled(rank)` says every pair the caller compares is
    /// distinct (the answer cannot change after that).
    func atomRanks(_ incident: [[Int]], settled: ([Int]) -> Bool = { _ in false }) -> [Int] {
        let n = atoms.count
        func rerank(_ keys: [KeyList]) -> [Int] {
            let order = (0..<n).sorted { keys[$0] < keys[$1] }
            var rank = [Int](repeating: 0, count: n)
            var r = 0
            for (p, i) in order.enumerated() {
                if p > 0 && keys[order[p - 1]] < keys[i] { r += 1 }
                rank[i] = r
            }
            return rank
        }
        var rank = rerank(atoms.map { KeyList([$0.atomicNumber, $0.isotope ?? 0]) })
        var classes = Set(rank).count
        for _ in 0..<n {
            if classes == n || settled(rank) { break }
            let keys = (0..<n).map { i -> KeyList in
                var list: [Int] = []
                for k in incident[i] {
                    let code = (rank[bonds[k].other(i)] + 2) * 8 + bonds[k].type.rawValue
                    let copies = bonds[k].type == .double ? 2 : bonds[k].type == .triple ? 3 : 1
                    for _ in 0..<copies { list.append(code) }
                }
                list.sort(by: >)
                list += [Int](repeating: 1, count: atoms[i].totalHydrogens)
                return KeyList([rank[i]] + list)
            }
            let next = rerank(keys)
            let c = Set(next).count
            rank = next
            if c == classes { break }
            classes = c
        }
        return rank
    }

    /// Chirality tags and double-bond stereo.
    ///
    /// `@`/`@@` describe the neighbours in SMILES order (preceding atom, bracket H, ring
    /// closures in digit order, then branches); RDKit stores the tag for the atom's bond
    /// order with the implicit H last, so the tag flips when the two orders differ by an
    /// odd permutation. Tags are dropped (as RDKit's stereo cleanup does) on atoms with
    /// fewer than three neighbours, two or more hydrogens, or two equivalent neighbours
    /// unless the atom is a ring-stereo pair member (two equivalent ring neighbours and
    /// another such tagged atom in a common ring, e.g. 1,4-dimethylcyclohexane).
    ///
    /// E/Z: a double bond outside rings with a `/` or `\` bond on both ends gets cis or
    /// trans for the marked neighbours, converted to Z/E for the highest-ranked neighbour
    /// of each end; nothing when an end has two equivalent neighbours.
    mutating func assignStereo(parsed: SmilesParser.Result, incident: [[Int]], rings: [Ring]) {
        let marks = parsed.chiralMark
        guard marks.contains(where: { $0 != 0 }) || bonds.contains(where: { $0.direction != nil }) else { return }
        // Pairs whose order or equality the stereo rules read: the neighbours of tagged
        // atoms and the substituents of double-bond ends.
        var groups: [[Int]] = []
        for i in atoms.indices where marks[i] != 0 { groups.append(incident[i].map { bonds[$0].other(i) }) }
        for k in bonds.indices where bonds[k].type == .double && !bonds[k].isInRing {
            for e in [bonds[k].begin, bonds[k].end] {
                groups.append(incident[e].filter { $0 != k }.map { bonds[$0].other(e) })
            }
        }
        let rank = atomRanks(incident) { r in
            groups.allSatisfy { g in Set(g.map { r[$0] }).count == g.count }
        }
        // Chirality.
        var ringStereoCandidate = [Bool](repeating: false, count: atoms.count)
        var keep = [Bool](repeating: false, count: atoms.count)
        for i in atoms.indices where marks[i] != 0 {
            let a = atoms[i]
            let nbrs = incident[i].map { bonds[$0].other(i) }
            if nbrs.count + a.totalHydrogens < 3 || a.totalHydrogens > 1 || nbrs.count + a.totalHydrogens > 4 { continue }
            if marks[i] == 3 { keep[i] = true; continue }
            var tied: [Int] = []
            for p in 0..<nbrs.count {
                for q in (p + 1)..<nbrs.count where rank[nbrs[p]] == rank[nbrs[q]] { tied += [p, q] }
            }
            if tied.isEmpty {
                keep[i] = true
            } else if tied.count == 2 && a.isInRing
                        && bonds[incident[i][tied[0]]].isInRing && bonds[incident[i][tied[1]]].isInRing {
                ringStereoCandidate[i] = true
            }
        }
        for i in atoms.indices where ringStereoCandidate[i] {
            keep[i] = rings.contains { r in
                r.atoms.contains(i) && r.atoms.contains { $0 != i && ringStereoCandidate[$0] }
            }
        }
        for i in atoms.indices where keep[i] {
            if marks[i] == 3 { atoms[i].chirality = .other; continue }
            // SMILES order of neighbours, the hydrogen moved last.
            var smilesOrder: [Int] = []
            var hydrogenSeen = false
            for entry in parsed.neighbors[i] {
                switch entry {
                case .atom(let j): smilesOrder.append(j)
                case .hydrogen: hydrogenSeen = true
                case .openRing: break
                }
            }
            var swaps = 0
            if hydrogenSeen, let hPos = parsed.neighbors[i].firstIndex(of: .hydrogen) {
                swaps += parsed.neighbors[i].count - 1 - hPos
            }
            let bondOrder = incident[i].map { bonds[$0].other(i) }
            swaps += permutationParity(from: smilesOrder, to: bondOrder)
            let counterClockwise = (marks[i] == 1) == (swaps % 2 == 0)
            atoms[i].chirality = counterClockwise ? .counterClockwise : .clockwise
        }
        // Double bonds.
        for k in bonds.indices where bonds[k].type == .double && !bonds[k].isInRing {
            let ends = [bonds[k].begin, bonds[k].end]
            var marked: [(atom: Int, dir: Character)] = []
            var highest: [Int] = []
            var ok = true
            for e in ends {
                let others = incident[e].filter { $0 != k }
                let nbrs = others.map { bonds[$0].other(e) }
                if nbrs.isEmpty || nbrs.count > 2 { ok = false; break }
                if nbrs.count == 2 && rank[nbrs[0]] == rank[nbrs[1]] { ok = false; break }
                guard let m = others.first(where: { bonds[$0].direction != nil }),
                      let d = bonds[m].direction else { ok = false; break }
                let fromEnd: Character = bonds[m].begin == e ? d : (d == "/" ? "\\" : "/")
                marked.append((bonds[m].other(e), fromEnd))
                highest.append(nbrs.max { rank[$0] < rank[$1] } ?? nbrs[0])
            }
            guard ok, marked.count == 2 else { continue }
            var cis = marked[0].dir == marked[1].dir
            if marked[0].atom != highest[0] { cis.toggle() }
            if marked[1].atom != highest[1] { cis.toggle() }
            bonds[k].stereo = cis ? .z : .e
        }
    }

    /// Parity (number of transpositions mod 2) of the permutation taking `a` to `b`
    /// (both hold the same distinct elements; extra elements are ignored).
    private func permutationParity(from a: [Int], to b: [Int]) -> Int {
        var work = a.filter { b.contains($0) }
        let target = b.filter { work.contains($0) }
        var swaps = 0
        for p in 0..<target.count {
            if work[p] != target[p], let q = work[(p + 1)...].firstIndex(of: target[p]) {
                work.swapAt(p, q)
                swaps += 1
            }
        }
        return swaps
    }
}

/// An array of Ints compared lexicographically.
struct KeyList: Comparable {
    var values: [Int]
    init(_ values: [Int]) { self.values = values }
    static func < (l: KeyList, r: KeyList) -> Bool { l.values.lexicographicallyPrecedes(r.values) }
}
