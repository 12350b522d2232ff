extension Molecule {
    /// How many pi electrons an atom can give a ring (RDKit's `ElectronDonorType`).
    enum Donor { case vacant, one, two, none }

    /// Graph degree (bonds, including kept hydrogen atoms).
    func degree(_ i: Int, _ incident: [[Int]]) -> Int { incident[i].count }

    /// RDKit's `countAtomElec`: electrons available for a pi system, or -1 when the
    /// atom cannot take part (univalent, or more than three neighbours with hydrogens).
    func piElectrons(_ i: Int, _ incident: [[Int]]) -> Int {
        let a = atoms[i]
        let dv = Element.defaultValence(a.atomicNumber)
        if dv <= 1 { return -1 }
        let deg = degree(i, incident) + a.totalHydrogens
        if deg > 3 { return -1 }
        let lonePairElectrons = Swift.max(Element.outerElectrons(a.atomicNumber) - dv - a.formalCharge, 0)
        var res = (dv - deg) + lonePairElectrons - a.radicalElectrons
        if res > 1 && explicitValence(i, incident) - degree(i, incident) > 1 { res = 1 }
        return res
    }

    private func hasMultipleBond(_ i: Int, _ incident: [[Int]]) -> Bool {
        incident[i].contains { bonds[$0].type == .double || bonds[$0].type == .triple || bonds[$0].type == .quadruple }
    }

    /// The partner of a multiple bond of `i` outside any ring, if any.
    private func exocyclicMultipleBondPartner(_ i: Int, _ incident: [[Int]]) -> Int? {
        for k in incident[i] where !bonds[k].isInRing {
            switch bonds[k].type {
            case .double, .triple, .quadruple: return bonds[k].other(i)
            default: continue
            }
        }
        return nil
    }

    /// RDKit's `getAtomDonorTypeArom` with exocyclic bonds stealing electrons.
    func donorType(_ i: Int, _ incident: [[Int]]) -> Donor {
        let a = atoms[i]
        if a.atomicNumber == 0 { return .none }
        let nelec = piElectrons(i, incident)
        if nelec < 0 { return .none }
        if nelec == 0 {
            if exocyclicMultipleBondPartner(i, incident) != nil { return .vacant }
            if incident[i].contains(where: { bonds[$0].isInRing && (bonds[$0].type == .double || bonds[$0].type == .triple) }) {
                return .one
            }
            return .none
        }
        if nelec == 1 {
            if let w = exocyclicMultipleBondPartner(i, incident) {
                return Element.moreElectronegative(atoms[w].atomicNumber, than: a.atomicNumber) ? .vacant : .one
            }
            if hasMultipleBond(i, incident) { return .one }
            if a.formalCharge == 1 { return .vacant }
            return .none
        }
        var n = nelec
        if let w = exocyclicMultipleBondPartner(i, incident),
           Element.moreElectronegative(atoms[w].atomicNumber, than: a.atomicNumber) {
            n -= 1
        }
        return n % 2 == 1 ? .one : .two
    }

    /// RDKit's `isAtomCandForArom` with its default (RDKit model) options.
    func isAromaticCandidate(_ i: Int, donor: Donor, _ incident: [[Int]]) -> Bool {
        let a = atoms[i]
        let z = a.atomicNumber
        if z > 18 && z != 34 && z != 52 { return false }
        if donor == .none { return false }
        let dv = Element.defaultValence(z)
        let shifted = z - a.formalCharge
        if dv > 0, shifted >= 0, shifted < Element.symbols.count,
           explicitValence(i, incident) + a.implicitHydrogens > Element.defaultValence(shifted) {
            return false
        }
        if a.radicalElectrons > 0 && z != 6 { return false }
        let multiple = incident[i].filter { bonds[$0].type == .double || bonds[$0].type == .triple }.count
        return multiple <= 1
    }

    /// Sets aromatic flags and bond types by RDKit's aromaticity model: every SSSR ring
    /// whose atoms are all candidates is tried alone, then unions of up to six fused
    /// candidate rings (rings sharing a bond; rings over 24 atoms are not fused); a ring
    /// or union is aromatic when some electron count between its donors' minimum and
    /// maximum is 4n+2 (or the maximum is 2). In an aromatic union only the bonds that
    /// occur in exactly one of its rings become aromatic.
    mutating func perceiveAromaticity(rings: [Ring], incident: [[Int]]) {
        var donor = [Donor?](repeating: nil, count: atoms.count)
        var candidate = [Bool](repeating: false, count: atoms.count)
        var cRings: [Ring] = []
        for ring in rings {
            var all = true
            for i in ring.atoms {
                if donor[i] == nil {
                    let d = donorType(i, incident)
                    donor[i] = d
                    candidate[i] = isAromaticCandidate(i, donor: d, incident)
                }
                if !candidate[i] { all = false }
            }
            if all { cRings.append(ring) }
        }
        guard !cRings.isEmpty else { return }
        let nr = cRings.count
        var neighbors = [[Int]](repeating: [], count: nr)
        let bondSets = cRings.map { Set($0.bonds) }
        for r in 0..<nr where cRings[r].atoms.count <= 24 {
            for s in (r + 1)..<nr where cRings[s].atoms.count <= 24 && !bondSets[r].isDisjoint(with: bondSets[s]) {
                neighbors[r].append(s)
                neighbors[s].append(r)
            }
        }
        let allCandidateAtoms = Set(cRings.flatMap(\.atoms)).count
        var done = [Bool](repeating: false, count: nr)
        var aromaticAtoms = [Bool](repeating: false, count: atoms.count)
        var aromaticBonds = [Bool](repeating: false, count: bonds.count)
        for start in 0..<nr where !done[start] {
            // The fused system containing `start` (depth-first, as RDKit picks it).
            var system: [Int] = []
            var stack = [start]
            done[start] = true
            while let r = stack.popLast() {
                system.append(r)
                for s in neighbors[r].reversed() where !done[s] {
                    done[s] = true
                    stack.append(s)
                }
            }
            var doneAtoms = Set<Int>()
            let maxSize = Swift.min(system.count, 6)
            var size = 1
            while size <= maxSize && doneAtoms.count != allCandidateAtoms {
                var comb = Array(0..<size)
                while true {
                    let picked = comb.map { system[$0] }
                    if size == 1 || isConnected(picked, neighbors) {
                        var lo = 0, hi = 0
                        var unionAtoms = Set<Int>()
                        for r in picked { unionAtoms.formUnion(cRings[r].atoms) }
                        for i in unionAtoms {
                            switch donor[i] ?? .none {
                            case .one: lo += 1; hi += 1
                            case .two: lo += 2; hi += 2
                            case .vacant, .none: break
                            }
                        }
                        var aromatic = false
                        if hi >= 6 {
                            aromatic = (lo...hi).contains { ($0 - 2) % 4 == 0 }
                        } else if hi == 2 {
                            aromatic = true
                        }
                        if aromatic {
                            for i in unionAtoms {
                                aromaticAtoms[i] = true
                                doneAtoms.insert(i)
                            }
                            var count: [Int: Int] = [:]
                            for r in picked { for k in cRings[r].bonds { count[k, default: 0] += 1 } }
                            for (k, c) in count where c == 1 { aromaticBonds[k] = true }
                        }
                    }
                    // Next combination in lexicographic order.
                    var j = size - 1
                    while j >= 0 && comb[j] == system.count - size + j { j -= 1 }
                    if j < 0 { break }
                    comb[j] += 1
                    for t in (j + 1)..<size { comb[t] = comb[t - 1] + 1 }
                }
                size += 1
            }
        }
        for i in atoms.indices where aromaticAtoms[i] { atoms[i].isAromatic = true }
        for k in bonds.indices where aromaticBonds[k] {
            if bonds[k].type == .single || bonds[k].type == .double { bonds[k].type = .aromatic }
        }
    }

    /// Whether the rings `picked` form one connected piece in the ring-neighbour graph.
    private func isConnected(_ picked: [Int], _ neighbors: [[Int]]) -> Bool {
        let set = Set(picked)
        var seen: Set<Int> = [picked[0]]
        var stack = [picked[0]]
        while let r = stack.popLast() {
            for s in neighbors[r] where set.contains(s) && !seen.contains(s) {
                seen.insert(s)
                stack.append(s)
            }
        }
        return seen.count == set.count
    }
}
