/// Periodic-table facts the SMILES parser and the valence/aromaticity rules need.
///
/// Valence lists and outer-shell electron counts follow RDKit's periodic table
/// (`atomic_data.cpp`) for the elements that occur in organic molecules; other elements
/// get their group's outer electron count and no valence list (their hydrogens are
/// never implicit: SMILES writes them in brackets).
enum Element {
    /// Element symbols by atomic number (index 0 is the wildcard `*`).
    static let symbols: [String] = [
        "*", "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S",
        "Cl", "Ar", "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge",
        "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd",
        "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd",
        "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
        "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm",
        "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn",
        "Nh", "Fl", "Mc", "Lv", "Ts", "Og",
    ]

    /// Atomic number of a symbol ("Cl" -> 17), or nil.
    static func atomicNumber(_ symbol: String) -> Int? { numberBySymbol[symbol] }

    private static let numberBySymbol: [String: Int] = {
        var d = [String: Int]()
        for (z, s) in symbols.enumerated() where z > 0 { d[s] = z }
        return d
    }()

    /// Allowed valences, smallest first (RDKit's list), or `[]` when any valence is allowed.
    static func valences(_ z: Int) -> [Int] {
        switch z {
        case 1: [1]
        case 2, 10, 18, 36, 54, 86: [0]
        case 3, 11, 19, 37, 55, 87: [1]
        case 4, 12, 20, 38, 56, 88: [2]
        case 5: [3]
        case 6: [4]
        case 7: [3]
        case 8: [2]
        case 9: [1]
        case 13: [3, 6]
        case 14: [4, 6]
        case 15: [3, 5, 7]
        case 16: [2, 4, 6]
        case 17: [1]
        case 31: [3]
        case 32: [4]
        case 33: [3, 5, 7]
        case 34: [2, 4, 6]
        case 35: [1]
        case 49: [3]
        case 50: [2, 4]
        case 51: [3, 5, 7]
        case 52: [2, 4, 6]
        case 53: [1, 3, 5]
        case 81: [1, 3]
        case 82: [2, 4]
        case 83: [3, 5, 7]
        case 84: [2, 4, 6]
        case 85: [1, 3, 5]
        default: []
        }
    }

    /// The first (default) valence, or -1 when the element has none.
    static func defaultValence(_ z: Int) -> Int { valences(z).first ?? -1 }

    /// Electrons in the outer shell (main groups: the group's count; d- and f-block: 2
    /// plus the d electrons, as RDKit's table gives for most of them).
    static func outerElectrons(_ z: Int) -> Int {
        switch z {
        case 0: return 0
        case 1: return 1
        case 2: return 2
        default: break
        }
        // Position in the period after the noble gas that closes the previous one.
        let closes = [2, 10, 18, 36, 54, 86, 118]
        var start = 0
        for c in closes where z > c { start = c }
        let k = z - start  // 1-based position in the period
        let period = closes.firstIndex(where: { z <= $0 }).map { $0 + 1 } ?? 7
        if period <= 3 { return k }  // 1...8
        if period <= 5 {
            // s(2) d(10) p(6)
            if k <= 2 { return k }
            if k <= 12 { return k }  // d block: 3...12
            return k - 10
        }
        // Periods 6 and 7: s(2) f(14) d(10) p(6)
        if k <= 2 { return k }
        if k <= 16 { return 3 }  // lanthanides / actinides
        if k <= 26 { return k - 14 }
        return k - 24
    }

    /// RDKit's `moreElectroNegative(a, b)`: more outer electrons, or the same count and
    /// a smaller atomic number.
    static func moreElectronegative(_ a: Int, than b: Int) -> Bool {
        let ea = outerElectrons(a), eb = outerElectrons(b)
        return ea > eb || (ea == eb && a < b)
    }
}
