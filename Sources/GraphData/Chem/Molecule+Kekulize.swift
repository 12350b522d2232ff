extension Molecule {
    /// Valences an atom may take given its charge, smallest first: the element's list
    /// shifted the way RDKit treats charged atoms (N+ and O+ gain one like their
    /// isoelectronic neighbours, B- gains one, C+ and C- both have 3).
    static func chargedValences(_ z: Int, charge: Int) -> [Int] {
        let list = Element.valences(z)
        guard charge != 0 else { return list }
        let outer = Element.outerElectrons(z)
        return list.compactMap { v in
            let w = z == 6 ? v - abs(charge) : outer < 4 ? v - charge : v + charge
            return w >= 0 ? w : nil
        }
    }

    /// Replaces aromatic bonds by alternating single and double bonds.
    ///
    /// An aromatic atom needs a double bond when one more bond order still fits its
    /// smallest allowed valence (counting its sigma bonds, written hydrogens and any
    /// double bond it already has): `c`, `n` with two neighbours, `[nH+]`, `[o+]` do;
    /// `[nH]`, `o`, `s`, `c(=O)` do not. The double bonds are a perfect matching of those
    /// atoms over ring aromatic bonds, found by backtracking from the most constrained
    /// atom. Throws when there is none (RDKit's "Can't kekulize mol").
    mutating func kekulize(_ incident: [[Int]]) throws {
        let aromaticBonds = bonds.indices.filter { bonds[$0].type == .aromatic }
        guard !aromaticBonds.isEmpty else { return }
        var needs = [Bool](repeating: false, count: atoms.count)
        for i in atoms.indices where incident[i].contains(where: { bonds[$0].type == .aromatic }) {
            let a = atoms[i]
            var sigma = a.explicitHydrogens
            for k in incident[i] {
                switch bonds[k].type {
                case .aromatic, .single: sigma += 1
                case .double: sigma += 2
                case .triple: sigma += 3
                case .quadruple: sigma += 4
                }
            }
            let allowed = a.isBracket || a.formalCharge != 0
                ? Molecule.chargedValences(a.atomicNumber, charge: a.formalCharge)
                : Element.valences(a.atomicNumber)
            if a.atomicNumber == 0 { continue }
            if let target = allowed.first(where: { $0 >= sigma }), sigma + 1 <= target {
                needs[i] = true
            }
        }
        // Candidate partners of each needing atom.
        var partners = [[(atom: Int, bond: Int)]](repeating: [], count: atoms.count)
        for k in aromaticBonds {
            let a = bonds[k].begin, b = bonds[k].end
            if needs[a] && needs[b] {
                partners[a].append((b, k))
                partners[b].append((a, k))
            }
        }
        var mate = [Int](repeating: -1, count: atoms.count)
        var doubleBonds = Set<Int>()
        var steps = 0
        func solve() throws -> Bool {
            // Most constrained unmatched atom first.
            var best = -1, bestCount = Int.max
            for i in atoms.indices where needs[i] && mate[i] < 0 {
                let c = partners[i].reduce(0) { $0 + (mate[$1.atom] < 0 ? 1 : 0) }
                if c < bestCount {
                    best = i
                    bestCount = c
                    if c <= 1 { break }
                }
            }
            if best < 0 { return true }
            if bestCount == 0 { return false }
            steps += 1
            if steps > 100_000 { throw DataError("kekulization gave up after 100000 steps") }
            for p in partners[best] where mate[p.atom] < 0 {
                mate[best] = p.atom
                mate[p.atom] = best
                doubleBonds.insert(p.bond)
                if try solve() { return true }
                doubleBonds.remove(p.bond)
                mate[best] = -1
                mate[p.atom] = -1
            }
            return false
        }
        guard try solve() else {
            let stuck = atoms.indices.filter { needs[$0] && mate[$0] < 0 }.map { "\($0)" }
            throw DataError("cannot kekulize the aromatic system (atoms \(stuck.joined(separator: ", ")) get no double bond)")
        }
        for k in aromaticBonds { bonds[k].type = doubleBonds.contains(k) ? .double : .single }
        for i in atoms.indices { atoms[i].isAromatic = false }
    }
}
