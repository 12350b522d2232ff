extension Molecule {
    /// RDKit's `isAtomConjugCand`: first-row atoms, or heavier ones outside groups 15/16
    /// (and group-16 atoms with one neighbour), with pi electrons to offer.
    private func isConjugationCandidate(_ i: Int, _ incident: [[Int]]) -> Bool {
        let z = atoms[i].atomicNumber
        let outer = Element.outerElectrons(z)
        let totalDegree = degree(i, incident) + atoms[i].totalHydrogens
        let rowOK = z <= 10 || (outer != 5 && outer != 6) || (outer == 6 && totalDegree < 2)
        return rowOK && piElectrons(i, incident) > 0
    }

    /// Conjugation by RDKit's rule: aromatic bonds are conjugated; around an atom with
    /// two or three neighbours (hydrogens counted) that is a candidate, each multiple
    /// (or aromatic) bond and each other bond to a candidate neighbour with at most three
    /// neighbours are conjugated.
    mutating func perceiveConjugation(_ incident: [[Int]]) {
        for k in bonds.indices { bonds[k].isConjugated = bonds[k].type == .aromatic }
        let candidate = atoms.indices.map { isConjugationCandidate($0, incident) }
        for i in atoms.indices where candidate[i] {
            let sbo = degree(i, incident) + atoms[i].totalHydrogens
            guard sbo >= 2 && sbo <= 3 else { continue }
            for k1 in incident[i] where bonds[k1].type != .single {
                for k2 in incident[i] where k2 != k1 {
                    let w = bonds[k2].other(i)
                    if degree(w, incident) + atoms[w].totalHydrogens > 3 { continue }
                    if candidate[w] {
                        bonds[k1].isConjugated = true
                        bonds[k2].isConjugated = true
                    }
                }
            }
        }
    }

    /// Hybridization by RDKit's `setHybridization`: a tetrahedral-tagged atom with four
    /// neighbours is sp3; otherwise the count of neighbours (hydrogens included) plus
    /// lone pairs gives s / sp / sp2 / sp3 / sp3d / sp3d2, and sp3 becomes sp2 for an atom
    /// with at most three neighbours and a conjugated bond (the N of an amide).
    mutating func perceiveHybridization(_ incident: [[Int]], chiralMark: [Int]) {
        for i in atoms.indices {
            let a = atoms[i]
            let totalDegree = degree(i, incident) + a.totalHydrogens
            if a.atomicNumber == 0 {
                atoms[i].hybridization = .unspecified
                continue
            }
            if (chiralMark[i] == 1 || chiralMark[i] == 2) && totalDegree == 4 {
                atoms[i].hybridization = .sp3
                continue
            }
            var orbitals = totalDegree
            if a.atomicNumber > 1 && a.atomicNumber < 89 {
                let outer = Element.outerElectrons(a.atomicNumber)
                let valence = explicitValence(i, incident) + a.implicitHydrogens
                let free = outer - (valence + a.formalCharge)
                if valence + outer - a.formalCharge < 8 {
                    orbitals += (free - a.radicalElectrons) / 2 + a.radicalElectrons
                } else {
                    orbitals += free / 2
                }
            }
            switch orbitals {
            case 0, 1: atoms[i].hybridization = .s
            case 2: atoms[i].hybridization = .sp
            case 3: atoms[i].hybridization = .sp2
            case 4:
                let conjugated = incident[i].contains { bonds[$0].isConjugated }
                atoms[i].hybridization = totalDegree > 3 || !conjugated ? .sp3 : .sp2
            case 5: atoms[i].hybridization = .sp3d
            case 6: atoms[i].hybridization = .sp3d2
            default: atoms[i].hybridization = .unspecified
            }
        }
    }
}
