extension Molecule {
    /// Parses `smiles` and perceives its chemistry the way RDKit's `MolFromSmiles`
    /// (default sanitization, then `RemoveHs`) does:
    ///
    /// 1. parse (`SmilesParser`); a neutral pentavalent N=O becomes `[N+][O-]` as in
    ///    RDKit's clean-up; plain explicit hydrogens `[H]` (no isotope, no charge,
    ///    one single bond to a non-hydrogen) are folded into their neighbour's hydrogen
    ///    count, as `RemoveHs` does; `[2H]`, `[HH]` and charged hydrogens stay atoms;
    /// 2. ring bonds: a bond is in a ring iff it is not a bridge; aromatic bonds outside
    ///    rings become single;
    /// 3. Kekulé form (`kekulize`), then implicit hydrogens of organic-subset atoms from
    ///    the smallest default valence that fits, radicals of bracket atoms (RDKit's
    ///    `assignRadicals`);
    /// 4. aromaticity by RDKit's model (Hückel 4n+2 on SSSR rings and fused unions of up
    ///    to six rings), conjugation and hybridization (RDKit's `ConjugHybrid` rules);
    /// 5. chirality tags relative to RDKit's bond order, dropped on atoms that are not
    ///    stereocentres, and E/Z on double bonds from `/` `\`.
    ///
    /// Throws `DataError` (`.badData`) with the column for syntax errors and for
    /// aromatic systems that cannot be kekulized.
    public init(smiles: String) throws {
        var parser = SmilesParser(smiles)
        var parsed = try parser.parse()
        Molecule.foldExplicitHydrogens(&parsed)
        self.init(atoms: parsed.atoms, bonds: parsed.bonds)
        let incident = incidentBonds()
        chargeSeparatePentavalentNitrogen(incident)
        markRingBonds(incident)
        for k in bonds.indices where bonds[k].type == .aromatic && !bonds[k].isInRing {
            bonds[k].type = .single
        }
        do {
            try kekulize(incident)
        } catch let e as DataError {
            throw DataError(.badData, at: e.location, "SMILES '\(smiles)': \(e.message)")
        }
        assignHydrogensAndRadicals(incident)
        let rings = smallestRings(incident)
        perceiveAromaticity(rings: rings, incident: incident)
        perceiveConjugation(incident)
        perceiveHybridization(incident, chiralMark: parsed.chiralMark)
        assignStereo(parsed: parsed, incident: incident, rings: rings)
    }

    /// RDKit's sanitization clean-up for nitro-like groups: a neutral N with valence 5
    /// and a double bond to a terminal neutral O becomes `[N+]-[O-]` (`N(=O)=O` ->
    /// `[N+](=O)[O-]`, the first such O in bond order taking the charge).
    mutating func chargeSeparatePentavalentNitrogen(_ incident: [[Int]]) {
        for i in atoms.indices where atoms[i].atomicNumber == 7 && atoms[i].formalCharge == 0 && !atoms[i].isAromatic {
            guard explicitValence(i, incident) == 5 else { continue }
            for k in incident[i] where bonds[k].type == .double {
                let o = bonds[k].other(i)
                if atoms[o].atomicNumber == 8 && atoms[o].formalCharge == 0 && incident[o].count == 1 {
                    bonds[k].type = .single
                    atoms[i].formalCharge = 1
                    atoms[o].formalCharge = -1
                    break
                }
            }
        }
    }

    /// Removes plain `[H]` atoms, adding them to their neighbour's explicit hydrogen
    /// count and turning them into `.hydrogen` in its SMILES neighbour order.
    static func foldExplicitHydrogens(_ p: inout SmilesParser.Result) {
        let n = p.atoms.count
        var degree = [Int](repeating: 0, count: n)
        for b in p.bonds {
            degree[b.begin] += 1
            degree[b.end] += 1
        }
        var remove = [Bool](repeating: false, count: n)
        for b in p.bonds where b.type == .single && b.direction == nil {
            for (h, other) in [(b.begin, b.end), (b.end, b.begin)] {
                let a = p.atoms[h]
                if a.atomicNumber == 1, a.isotope == nil, a.formalCharge == 0, a.explicitHydrogens == 0,
                   p.chiralMark[h] == 0, degree[h] == 1, p.atoms[other].atomicNumber != 1 {
                    remove[h] = true
                }
            }
        }
        guard remove.contains(true) else { return }
        var newIndex = [Int](repeating: -1, count: n)
        var next = 0
        for i in 0..<n where !remove[i] {
            newIndex[i] = next
            next += 1
        }
        var atoms: [Molecule.Atom] = []
        var neighbors: [[SmilesParser.Neighbor]] = []
        var chiral: [Int] = []
        for i in 0..<n where !remove[i] {
            var a = p.atoms[i]
            var list: [SmilesParser.Neighbor] = []
            for entry in p.neighbors[i] {
                if case .atom(let j) = entry {
                    if remove[j] {
                        a.explicitHydrogens += 1
                        list.append(.hydrogen)
                    } else {
                        list.append(.atom(newIndex[j]))
                    }
                } else {
                    list.append(entry)
                }
            }
            atoms.append(a)
            neighbors.append(list)
            chiral.append(p.chiralMark[i])
        }
        var bonds: [Molecule.Bond] = []
        var implicit: [Bool] = []
        for (k, b) in p.bonds.enumerated() where !remove[b.begin] && !remove[b.end] {
            var nb = b
            nb.begin = newIndex[b.begin]
            nb.end = newIndex[b.end]
            bonds.append(nb)
            implicit.append(p.implicitBond[k])
        }
        p = SmilesParser.Result(atoms: atoms, bonds: bonds, implicitBond: implicit,
                                neighbors: neighbors, chiralMark: chiral)
    }

    /// Sum of bond orders (Kekulé form) plus explicit hydrogens: RDKit's explicit valence.
    func explicitValence(_ i: Int, _ incident: [[Int]]) -> Int {
        var v = atoms[i].explicitHydrogens
        for k in incident[i] {
            switch bonds[k].type {
            case .single: v += 1
            case .double: v += 2
            case .triple: v += 3
            case .quadruple: v += 4
            case .aromatic: v += 1  // only before kekulization (not used then)
            }
        }
        return v
    }

    /// Implicit hydrogens for organic-subset atoms (smallest listed valence that is not
    /// below the explicit valence), radicals for bracket atoms (RDKit's `assignRadicals`).
    mutating func assignHydrogensAndRadicals(_ incident: [[Int]]) {
        for i in atoms.indices {
            let z = atoms[i].atomicNumber
            let ev = explicitValence(i, incident)
            if !atoms[i].isBracket {
                let allowed = Molecule.chargedValences(z, charge: atoms[i].formalCharge)
                if let v = allowed.first(where: { $0 >= ev }), z > 0 {
                    atoms[i].implicitHydrogens = v - ev
                }
                continue
            }
            let valences = Element.valences(z)
            guard z > 0, !valences.isEmpty else { continue }
            let charge = atoms[i].formalCharge
            let outer = Element.outerElectrons(z)
            let base = z <= 2 ? 2 : 8
            var radicals = base - outer - ev + charge
            if radicals < 0 {
                radicals = 0
                if valences.count > 1, let v = valences.first(where: { $0 - ev + charge >= 0 }) {
                    radicals = v - ev + charge
                }
            }
            let early = outer - ev - charge
            if early >= 0 { radicals = Swift.min(radicals, early) }
            atoms[i].radicalElectrons = Swift.max(radicals, 0)
        }
    }
}
