/// A molecule as a graph of heavy atoms (and the hydrogens RDKit keeps), with the
/// chemistry RDKit's `MolFromSmiles` perceives: implicit hydrogens, radicals, ring
/// membership, aromaticity (RDKit model), conjugation, hybridization, and the stereo
/// tags written in the SMILES.
///
/// Atom order is the SMILES order (after removing plain explicit `[H]` atoms). Bond
/// order is RDKit's: bonds in the order the parser met them, then every ring-closure
/// bond in the order the rings closed (begin = the closing atom).
///
/// ```swift
/// let m = try Molecule(smiles: "c1cc[nH]c1")   // pyrrole
/// m.atoms.count                // 5
/// m.atoms[3].totalHydrogens    // 1
/// m.bonds[0].type              // .aromatic
/// ```
public struct Molecule: Sendable, Equatable {
    public var atoms: [Atom]
    public var bonds: [Bond]

    public init(atoms: [Atom], bonds: [Bond]) {
        self.atoms = atoms
        self.bonds = bonds
    }

    /// Tetrahedral chirality as RDKit stores it: the order of the atom's neighbours
    /// (in bond order, an implicit hydrogen last) seen from the first is clockwise or
    /// counter-clockwise.
    public enum Chirality: Int, Sendable {
        case unspecified = 0, clockwise = 1, counterClockwise = 2, other = 3
    }

    /// Orbital hybridization (RDKit's `HybridizationType`, OGB's order for the first five).
    public enum Hybridization: Int, Sendable {
        case sp = 0, sp2 = 1, sp3 = 2, sp3d = 3, sp3d2 = 4, s = 5, unspecified = 6
    }

    public struct Atom: Sendable, Equatable {
        /// Atomic number (0 for the wildcard `*`).
        public var atomicNumber: Int
        public var formalCharge: Int
        /// Mass number from a bracket atom (`[2H]`), else nil.
        public var isotope: Int?
        /// Hydrogens written in a bracket atom (`[NH3+]`: 3) plus removed `[H]` neighbours.
        public var explicitHydrogens: Int
        /// Hydrogens implied by the default valence (organic-subset atoms only).
        public var implicitHydrogens: Int
        public var radicalElectrons: Int
        public var isAromatic: Bool
        public var isInRing: Bool
        public var chirality: Chirality
        public var hybridization: Hybridization
        /// Atom class from `[CH4:2]`, else 0.
        public var atomClass: Int
        /// Whether the atom was written in brackets (no implicit hydrogens then).
        public var isBracket: Bool

        public init(atomicNumber: Int, formalCharge: Int = 0, isotope: Int? = nil,
                    explicitHydrogens: Int = 0, isAromatic: Bool = false, isBracket: Bool = false) {
            self.atomicNumber = atomicNumber
            self.formalCharge = formalCharge
            self.isotope = isotope
            self.explicitHydrogens = explicitHydrogens
            self.implicitHydrogens = 0
            self.radicalElectrons = 0
            self.isAromatic = isAromatic
            self.isInRing = false
            self.chirality = .unspecified
            self.hybridization = .unspecified
            self.atomClass = 0
            self.isBracket = isBracket
        }

        /// Explicit plus implicit hydrogens (RDKit's `GetTotalNumHs()`).
        public var totalHydrogens: Int { explicitHydrogens + implicitHydrogens }
        /// The element symbol ("C", "Cl", "*").
        public var symbol: String {
            atomicNumber < Element.symbols.count ? Element.symbols[atomicNumber] : "?"
        }
    }

    /// Bond types (OGB's order: single, double, triple, aromatic).
    public enum BondType: Int, Sendable {
        case single = 0, double = 1, triple = 2, aromatic = 3, quadruple = 4

        /// Contribution to an atom's valence (aromatic 1.5).
        public var valence: Double {
            switch self {
            case .single: 1
            case .double: 2
            case .triple: 3
            case .aromatic: 1.5
            case .quadruple: 4
            }
        }
    }

    /// Double-bond stereo (RDKit's `BondStereo`, OGB's order).
    public enum BondStereo: Int, Sendable {
        case none = 0, z = 1, e = 2, cis = 3, trans = 4, any = 5
    }

    public struct Bond: Sendable, Equatable {
        public var begin: Int
        public var end: Int
        public var type: BondType
        public var stereo: BondStereo
        public var isConjugated: Bool
        public var isInRing: Bool
        /// `/` or `\` as written (from `begin` towards `end`), for double-bond stereo.
        public var direction: Character?

        public init(begin: Int, end: Int, type: BondType, direction: Character? = nil) {
            self.begin = begin
            self.end = end
            self.type = type
            self.stereo = .none
            self.isConjugated = false
            self.isInRing = false
            self.direction = direction
        }

        /// The atom at the other end from `atom`.
        public func other(_ atom: Int) -> Int { atom == begin ? end : begin }
    }

    /// For each atom, its bonds in bond order (RDKit's atom-bond iteration order).
    public func incidentBonds() -> [[Int]] {
        var out = [[Int]](repeating: [], count: atoms.count)
        for (k, b) in bonds.enumerated() {
            out[b.begin].append(k)
            out[b.end].append(k)
        }
        return out
    }
}
