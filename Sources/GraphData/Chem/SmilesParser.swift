/// A SMILES string read into atoms and bonds as written, before any chemistry
/// (`Molecule(smiles:)` runs `SmilesParser` and then the perception steps).
///
/// Grammar (OpenSMILES): atoms of the organic subset `B C N O P S F Cl Br I` and
/// aromatic `b c n o p s`, the wildcard `*`, bracket atoms
/// `[isotope symbol chirality hcount charge :class]` (`[2H]`, `[nH]`, `[NH3+]`,
/// `[C@@H]`, `[O-]`, `[Fe++]`, `[Cu+2]`), bonds `- = # $ : / \`, branches `( )`, ring
/// closures `1`-`9` and `%nn`, and `.` between disconnected fragments (kept in one
/// graph, as RDKit does). An unwritten bond is aromatic between two aromatic atoms and
/// single otherwise.
///
/// Bond order is RDKit's: chain bonds as met, then ring-closure bonds grouped by ring
/// number (ascending), each number's closures in the order they occur.
///
/// Errors name the 1-based column: unbalanced parentheses, unclosed rings, unknown
/// elements, a bond with no atom after it, conflicting ring-bond types.
struct SmilesParser {
    /// One entry of an atom's neighbour list in SMILES order (for chirality).
    enum Neighbor: Equatable {
        case atom(Int)
        case hydrogen
        /// A ring-closure digit whose partner is not known yet (ring number).
        case openRing(Int)
    }

    struct Result {
        var atoms: [Molecule.Atom]
        /// Chain bonds in parse order, then ring-closure bonds in closing order.
        var bonds: [Molecule.Bond]
        /// Bonds written without a symbol (their type is decided from aromaticity).
        var implicitBond: [Bool]
        /// Neighbours of each atom in SMILES order; `.hydrogen` marks the bracket H.
        var neighbors: [[Neighbor]]
        /// 1 for `@`, 2 for `@@`, 3 for other chirality classes, 0 for none.
        var chiralMark: [Int]
    }

    private let bytes: [UInt8]
    private let text: String
    private var pos = 0
    private var atoms: [Molecule.Atom] = []
    private var chainBonds: [Molecule.Bond] = []
    private var chainImplicit: [Bool] = []
    private var ringBonds: [Molecule.Bond] = []
    private var ringImplicit: [Bool] = []
    /// Ring number of each ring-closure bond (RDKit adds them by ring number).
    private var ringNumbers: [Int] = []
    private var neighbors: [[Neighbor]] = []
    private var chiralMark: [Int] = []

    private struct PendingBond { var symbol: UInt8; var column: Int }
    private struct OpenRing { var atom: Int; var bond: PendingBond?; var column: Int }

    init(_ smiles: String) {
        text = smiles
        bytes = Array(smiles.utf8)
    }

    private func fail(_ column: Int, _ message: String) -> DataError {
        DataError(.badData, file: nil, at: "column \(column)", "SMILES '\(text)': \(message)")
    }

    /// Parses the whole string.
    mutating func parse() throws -> Result {
        var prev: Int? = nil
        var pending: PendingBond? = nil
        var branches: [(atom: Int, column: Int)] = []
        var open: [Int: OpenRing] = [:]
        var justOpenedBranch = false

        while pos < bytes.count {
            let c = bytes[pos]
            let column = pos + 1
            switch c {
            case UInt8(ascii: "("):
                guard let p = prev else { throw fail(column, "'(' before any atom") }
                if pending != nil { throw fail(column, "bond symbol before '('") }
                branches.append((p, column))
                justOpenedBranch = true
                pos += 1
                continue
            case UInt8(ascii: ")"):
                guard let top = branches.popLast() else { throw fail(column, "unbalanced ')'") }
                if justOpenedBranch { throw fail(column, "empty branch '()'") }
                if let b = pending { throw fail(b.column, "bond symbol with no atom after it") }
                prev = top.atom
                pos += 1
            case UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: "#"), UInt8(ascii: "$"),
                 UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "\\"):
                if pending != nil { throw fail(column, "two bond symbols in a row") }
                if prev == nil { throw fail(column, "bond symbol before any atom") }
                pending = PendingBond(symbol: c, column: column)
                pos += 1
            case UInt8(ascii: "."):
                if let b = pending { throw fail(b.column, "bond symbol with no atom after it") }
                prev = nil
                pos += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "%"):
                guard let p = prev else { throw fail(column, "ring-closure digit before any atom") }
                let number = try ringNumber()
                if let o = open.removeValue(forKey: number) {
                    try closeRing(o, at: p, bond: pending, column: column, number: number)
                } else {
                    open[number] = OpenRing(atom: p, bond: pending, column: column)
                    neighbors[p].append(.openRing(number))
                }
                pending = nil
            default:
                let atom = try readAtom()
                atoms.append(atom.atom)
                chiralMark.append(atom.chiral)
                let idx = atoms.count - 1
                var list: [Neighbor] = []
                if let p = prev {
                    list.append(.atom(p))
                    neighbors[p].append(.atom(idx))
                    let (type, dir, implicit) = bondType(pending, atoms[p], atoms[idx])
                    chainBonds.append(Molecule.Bond(begin: p, end: idx, type: type, direction: dir))
                    chainImplicit.append(implicit)
                }
                if atom.atom.explicitHydrogens > 0 { list.append(.hydrogen) }
                neighbors.append(list)
                pending = nil
                prev = idx
            }
            justOpenedBranch = false
        }
        if let b = pending { throw fail(b.column, "bond symbol with no atom after it") }
        if let b = branches.last { throw fail(b.column, "'(' is never closed") }
        if let (number, o) = open.min(by: { $0.value.column < $1.value.column }) {
            throw fail(o.column, "ring bond \(number) is never closed")
        }
        // RDKit closes rings after parsing, ring number by ring number (each number's
        // uses in order), so ring bonds come after all chain bonds in that order.
        let order = ringBonds.indices.sorted { (ringNumbers[$0], $0) < (ringNumbers[$1], $1) }
        return Result(atoms: atoms, bonds: chainBonds + order.map { ringBonds[$0] },
                      implicitBond: chainImplicit + order.map { ringImplicit[$0] },
                      neighbors: neighbors, chiralMark: chiralMark)
    }

    /// The bond type for a bond symbol (or its absence) between atoms `a` and `b`.
    private func bondType(_ p: PendingBond?, _ a: Molecule.Atom, _ b: Molecule.Atom)
        -> (Molecule.BondType, Character?, Bool) {
        guard let p else { return (a.isAromatic && b.isAromatic ? .aromatic : .single, nil, true) }
        switch p.symbol {
        case UInt8(ascii: "="): return (.double, nil, false)
        case UInt8(ascii: "#"): return (.triple, nil, false)
        case UInt8(ascii: "$"): return (.quadruple, nil, false)
        case UInt8(ascii: ":"): return (.aromatic, nil, false)
        case UInt8(ascii: "/"): return (.single, "/", false)
        case UInt8(ascii: "\\"): return (.single, "\\", false)
        default: return (.single, nil, false)
        }
    }

    private mutating func closeRing(_ o: OpenRing, at p: Int, bond: PendingBond?, column: Int, number: Int) throws {
        if o.atom == p { throw fail(column, "ring bond \(number) closes on the atom that opened it") }
        if chainBonds.contains(where: { ($0.begin == p && $0.end == o.atom) || ($0.begin == o.atom && $0.end == p) })
            || ringBonds.contains(where: { ($0.begin == p && $0.end == o.atom) || ($0.begin == o.atom && $0.end == p) }) {
            throw fail(column, "ring bond \(number) duplicates an existing bond")
        }
        // The bond symbol may be written at either end; directions flip with the end.
        var type: Molecule.BondType
        var direction: Character?
        var implicit = false
        switch (o.bond, bond) {
        case (nil, nil):
            (type, direction, implicit) = bondType(nil, atoms[p], atoms[o.atom])
        case (let a?, nil):
            (type, direction, _) = bondType(a, atoms[p], atoms[o.atom])
            direction = direction.map { $0 == "/" ? "\\" : "/" }
        case (nil, let b?):
            (type, direction, _) = bondType(b, atoms[p], atoms[o.atom])
        case (let a?, let b?):
            let (ta, _, _) = bondType(a, atoms[p], atoms[o.atom])
            (type, direction, _) = bondType(b, atoms[p], atoms[o.atom])
            if ta != type { throw fail(column, "ring bond \(number) has conflicting bond symbols") }
        }
        ringBonds.append(Molecule.Bond(begin: p, end: o.atom, type: type, direction: direction))
        ringImplicit.append(implicit)
        ringNumbers.append(number)
        if let slot = neighbors[o.atom].firstIndex(of: .openRing(number)) {
            neighbors[o.atom][slot] = .atom(p)
        }
        neighbors[p].append(.atom(o.atom))
    }

    /// Reads `d` or `%dd` at `pos`.
    private mutating func ringNumber() throws -> Int {
        let column = pos + 1
        if bytes[pos] == UInt8(ascii: "%") {
            guard pos + 2 < bytes.count, isDigit(bytes[pos + 1]), isDigit(bytes[pos + 2]) else {
                throw fail(column, "'%' must be followed by two digits")
            }
            let n = Int(bytes[pos + 1] - 48) * 10 + Int(bytes[pos + 2] - 48)
            pos += 3
            return n
        }
        let n = Int(bytes[pos] - 48)
        pos += 1
        return n
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
    private func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }

    /// Reads an organic-subset or bracket atom at `pos`.
    private mutating func readAtom() throws -> (atom: Molecule.Atom, chiral: Int) {
        let column = pos + 1
        let c = bytes[pos]
        if c == UInt8(ascii: "[") { return try readBracketAtom() }
        func next(_ ch: Character) -> Bool {
            pos + 1 < bytes.count && bytes[pos + 1] == ch.asciiValue!
        }
        var z: Int
        var aromatic = false
        var length = 1
        switch c {
        case UInt8(ascii: "B"): if next("r") { z = 35; length = 2 } else { z = 5 }
        case UInt8(ascii: "C"): if next("l") { z = 17; length = 2 } else { z = 6 }
        case UInt8(ascii: "N"): z = 7
        case UInt8(ascii: "O"): z = 8
        case UInt8(ascii: "P"): z = 15
        case UInt8(ascii: "S"): z = 16
        case UInt8(ascii: "F"): z = 9
        case UInt8(ascii: "I"): z = 53
        case UInt8(ascii: "*"): z = 0
        case UInt8(ascii: "b"): z = 5; aromatic = true
        case UInt8(ascii: "c"): z = 6; aromatic = true
        case UInt8(ascii: "n"): z = 7; aromatic = true
        case UInt8(ascii: "o"): z = 8; aromatic = true
        case UInt8(ascii: "p"): z = 15; aromatic = true
        case UInt8(ascii: "s"): z = 16; aromatic = true
        default:
            let shown = String(decoding: [c], as: UTF8.self)
            if isUpper(c) || isLower(c) {
                throw fail(column, "unknown element '\(shown)' (elements outside B C N O P S F Cl Br I go in brackets)")
            }
            throw fail(column, "unexpected character '\(shown)'")
        }
        pos += length
        return (Molecule.Atom(atomicNumber: z, isAromatic: aromatic), 0)
    }

    private mutating func readNumber() -> Int? {
        var n = 0
        var any = false
        while pos < bytes.count, isDigit(bytes[pos]), n < 100_000 {
            n = n * 10 + Int(bytes[pos] - 48)
            pos += 1
            any = true
        }
        return any ? n : nil
    }

    private mutating func readBracketAtom() throws -> (atom: Molecule.Atom, chiral: Int) {
        let open = pos + 1
        pos += 1  // '['
        func peek() -> UInt8? { pos < bytes.count ? bytes[pos] : nil }
        let isotope = readNumber()
        guard let s0 = peek() else { throw fail(open, "'[' is never closed") }
        let symbolColumn = pos + 1
        var z: Int
        var aromatic = false
        if s0 == UInt8(ascii: "*") {
            z = 0
            pos += 1
        } else if isLower(s0) {
            // Aromatic symbols: b c n o p s se as te.
            let two = pos + 1 < bytes.count && isLower(bytes[pos + 1])
                ? String(decoding: bytes[pos...pos + 1], as: UTF8.self) : ""
            if ["se", "as", "te"].contains(two) {
                z = two == "se" ? 34 : two == "as" ? 33 : 52
                pos += 2
            } else {
                switch s0 {
                case UInt8(ascii: "b"): z = 5
                case UInt8(ascii: "c"): z = 6
                case UInt8(ascii: "n"): z = 7
                case UInt8(ascii: "o"): z = 8
                case UInt8(ascii: "p"): z = 15
                case UInt8(ascii: "s"): z = 16
                default:
                    throw fail(symbolColumn, "unknown aromatic element '\(String(decoding: [s0], as: UTF8.self))'")
                }
                pos += 1
            }
            aromatic = true
        } else if isUpper(s0) {
            var found: Int? = nil
            if pos + 1 < bytes.count, isLower(bytes[pos + 1]),
               let z2 = Element.atomicNumber(String(decoding: bytes[pos...pos + 1], as: UTF8.self)) {
                found = z2
                pos += 2
            } else if let z1 = Element.atomicNumber(String(decoding: [s0], as: UTF8.self)) {
                found = z1
                pos += 1
            }
            guard let f = found else {
                var end = pos + 1
                while end < bytes.count, isLower(bytes[end]) { end += 1 }
                throw fail(symbolColumn, "unknown element '\(String(decoding: bytes[pos..<end], as: UTF8.self))'")
            }
            z = f
        } else {
            throw fail(symbolColumn, "expected an element symbol after '['")
        }
        var chiral = 0
        if peek() == UInt8(ascii: "@") {
            pos += 1
            chiral = 1
            if peek() == UInt8(ascii: "@") {
                pos += 1
                chiral = 2
            } else if pos + 1 < bytes.count,
                      ["TH", "AL", "SP", "TB", "OH"].contains(String(decoding: bytes[pos...pos + 1], as: UTF8.self)) {
                // @TH1 @TH2 @AL1 @SP1 @TB1 @OH1 ...
                let cls = String(decoding: bytes[pos...pos + 1], as: UTF8.self)
                pos += 2
                let n = readNumber() ?? 0
                chiral = cls == "TH" && n == 1 ? 1 : cls == "TH" && n == 2 ? 2 : 3
            }
        }
        var hydrogens = 0
        if peek() == UInt8(ascii: "H") {
            pos += 1
            hydrogens = readNumber() ?? 1
        }
        var charge = 0
        if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            let unit = sign == UInt8(ascii: "+") ? 1 : -1
            pos += 1
            if let n = readNumber() {
                guard n <= 15 else { throw fail(pos, "charge \(n) is out of range") }
                charge = unit * n
            } else {
                charge = unit
                while peek() == sign, abs(charge) < 15 {
                    charge += unit
                    pos += 1
                }
            }
        }
        var atomClass = 0
        if peek() == UInt8(ascii: ":") {
            pos += 1
            guard let n = readNumber() else { throw fail(pos + 1, "expected an atom class number after ':'") }
            atomClass = n
        }
        guard peek() == UInt8(ascii: "]") else {
            if pos >= bytes.count { throw fail(open, "'[' is never closed") }
            throw fail(pos + 1, "unexpected '\(String(decoding: [bytes[pos]], as: UTF8.self))' in bracket atom, expected ']'")
        }
        pos += 1
        var atom = Molecule.Atom(atomicNumber: z, formalCharge: charge, isotope: isotope,
                                 explicitHydrogens: hydrogens, isAromatic: aromatic, isBracket: true)
        atom.atomClass = atomClass
        return (atom, chiral)
    }
}
