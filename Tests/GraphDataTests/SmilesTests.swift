import Testing
@testable import GraphData

@Suite struct SmilesTests {
    func mol(_ s: String) throws -> Molecule { try Molecule(smiles: s) }
    func error(_ s: String) -> DataError? {
        do { _ = try Molecule(smiles: s); return nil } catch let e as DataError { return e } catch { return nil }
    }

    @Test func organicSubsetAndImplicitHydrogens() throws {
        let m = try mol("CC(=O)NCl")
        #expect(m.atoms.map(\.atomicNumber) == [6, 6, 8, 7, 17])
        #expect(m.atoms.map(\.totalHydrogens) == [3, 0, 0, 1, 0])
        #expect(m.bonds.map(\.type) == [.single, .double, .single, .single])
        let s = try mol("CS(=O)(=O)C")  // sulfur takes valence 6
        #expect(s.atoms[1].totalHydrogens == 0)
        let br = try mol("BrCBr")
        #expect(br.atoms.map(\.atomicNumber) == [35, 6, 35] && br.atoms[1].totalHydrogens == 2)
    }

    @Test func ringClosuresIncludingPercentAndBondOrder() throws {
        let c = try mol("C1CCCCC1")
        let allInRing = c.atoms.allSatisfy { $0.isInRing }
        #expect(c.bonds.count == 6 && allInRing)
        #expect((c.bonds[5].begin, c.bonds[5].end) == (5, 0))  // closing atom first, as RDKit
        let p = try mol("C%10CC%10C")
        #expect(p.bonds.count == 4 && p.atoms[3].isInRing == false)
        #expect((p.bonds[3].begin, p.bonds[3].end) == (2, 0))
        // Ring bonds come after chain bonds, by ring number.
        let spiro = try mol("OC1CC2(CC2)CC1O")
        #expect(spiro.bonds.suffix(2).map { [$0.begin, $0.end] } == [[7, 1], [5, 3]])
        let db = try mol("C=1CC1")  // bond symbol on the opening digit
        #expect(db.bonds[2].type == .double)
        // Bridges are not ring bonds.
        let b = try mol("C1CC1CC1CC1")
        #expect(b.bonds.filter { !$0.isInRing }.count == 2)
    }

    @Test func bracketAtoms() throws {
        let m = try mol("[NH3+]CC(=O)[O-]")
        #expect(m.atoms[0].formalCharge == 1 && m.atoms[0].totalHydrogens == 3)
        #expect(m.atoms[4].formalCharge == -1 && m.atoms[4].totalHydrogens == 0)
        let iso = try mol("[2H]C([2H])C")
        #expect(iso.atoms.count == 4 && iso.atoms[0].isotope == 2 && iso.atoms[1].totalHydrogens == 1)
        let ch = try mol("[Fe++].[Cu+2].[O--].[CH3:7]")
        #expect(ch.atoms.map(\.formalCharge) == [2, 2, -2, 0])
        #expect(ch.atoms[3].atomClass == 7 && ch.atoms[3].totalHydrogens == 3)
        let h2 = try mol("[HH]")
        #expect(h2.atoms.count == 1 && h2.atoms[0].totalHydrogens == 1)
        let rad = try mol("C[O]")
        #expect(rad.atoms[1].radicalElectrons == 1)
        // Plain [H] becomes a hydrogen count, as RDKit's RemoveHs does.
        let h = try mol("[H]OC([H])([H])[H]")
        #expect(h.atoms.count == 2 && h.atoms.map(\.totalHydrogens) == [1, 3])
    }

    @Test func aromaticRingsPyrroleAndKekuleInput() throws {
        let pyrrole = try mol("c1cc[nH]c1")
        let allAromatic = pyrrole.atoms.allSatisfy { $0.isAromatic }
        #expect(allAromatic)
        #expect(pyrrole.atoms[3].totalHydrogens == 1 && pyrrole.atoms[0].totalHydrogens == 1)
        #expect(pyrrole.bonds.allSatisfy { $0.type == .aromatic && $0.isConjugated })
        // Kekulé imidazole is perceived aromatic (RDKit model).
        let im = try mol("C[N]1C=CN=C1")
        let ringAromatic = im.atoms[1...].allSatisfy { $0.isAromatic }
        #expect(ringAromatic && !im.atoms[0].isAromatic)
        // Cyclobutadiene written aromatic is not aromatic.
        let cbd = try mol("c1ccc1")
        let anyAromatic = cbd.atoms.contains { $0.isAromatic }
        #expect(!anyAromatic)
        #expect(cbd.bonds.map(\.type).filter { $0 == .double }.count == 2)
        // 2-pyridone: the exocyclic C=O gives no electrons, the ring is still aromatic.
        let pyridone = try mol("O=c1cccc[nH]1")
        let pyridoneAromatic = pyridone.atoms[1...].allSatisfy { $0.isAromatic }
        #expect(pyridoneAromatic && pyridone.bonds[0].type == .double)
        // The bond joining two aromatic rings is single.
        let biphenyl = try mol("c1ccccc1c1ccccc1")
        #expect(biphenyl.bonds[5].type == .single && !biphenyl.bonds[5].isInRing)
        #expect(error("n1cccc1")?.message.contains("kekulize") == true)
    }

    @Test func fragmentsStayInOneGraph() throws {
        let m = try mol("C1CC1C.[Na+].[Cl-]")
        #expect(m.atoms.count == 6 && m.bonds.count == 4)
        let g = try MoleculeGraph.graph(m)
        #expect(g.numNodes == 6 && g.numEdges == 8)
    }

    @Test func hybridizationAndConjugation() throws {
        let amide = try mol("CC(=O)N")
        #expect(amide.atoms.map(\.hybridization) == [.sp3, .sp2, .sp2, .sp2])
        #expect(amide.bonds.map(\.isConjugated) == [false, true, true])
        let nitrile = try mol("CC#N")
        #expect(nitrile.atoms.map(\.hybridization) == [.sp3, .sp, .sp])
        let nitro = try mol("CN(=O)=O")  // cleaned up to [N+](=O)[O-]
        #expect(nitro.atoms.map(\.formalCharge) == [0, 1, -1, 0])
    }

    @Test func chiralityFollowsRDKitBondOrder() throws {
        #expect(try mol("N[C@H](C)O").atoms[1].chirality == .counterClockwise)
        #expect(try mol("N[C@@H](C)O").atoms[1].chirality == .clockwise)
        #expect(try mol("[C@H](N)(C)O").atoms[0].chirality == .clockwise)  // H first
        #expect(try mol("C[C@H]1CCCO1").atoms[1].chirality == .clockwise)  // ring bond last
        #expect(try mol("F[C@](Cl)(Br)I").atoms[1].chirality == .counterClockwise)
        // Not stereocentres: the tags are dropped.
        #expect(try mol("C[C@H](C)O").atoms[1].chirality == .unspecified)
        #expect(try mol("F[C@]1(Br)CCC1").atoms[1].chirality == .unspecified)
        // Ring stereo pair is kept.
        let ring = try mol("C[C@H]1CC[C@@H](C)CC1")
        #expect(ring.atoms[1].chirality == .clockwise && ring.atoms[4].chirality == .clockwise)
    }

    @Test func doubleBondStereo() throws {
        #expect(try mol("F/C=C/F").bonds[1].stereo == .e)
        #expect(try mol("F/C=C\\F").bonds[1].stereo == .z)
        #expect(try mol("C(/F)=C/F").bonds[1].stereo == .z)
        #expect(try mol("CC(/C)=C/F").bonds[2].stereo == .none)  // equal substituents
        #expect(try mol("C/C=C(/C)C(=O)N").bonds[1].stereo == .z)  // CIP: C(=O)N beats CH3
        #expect(try mol("FC=CF").bonds[1].stereo == .none)
    }

    @Test func syntaxErrorsGiveTheColumn() {
        #expect(error("CC(C")?.location == "column 3")
        #expect(error("CC)C")?.location == "column 3")
        #expect(error("C1CC")?.location == "column 2")
        #expect(error("CCX")?.location == "column 3")
        #expect(error("C[Xx]")?.location == "column 3")
        #expect(error("C[CH")?.location == "column 2")
        #expect(error("C=")?.location == "column 2")
        #expect(error("C()C")?.location == "column 3")
        #expect(error("C%1C")?.location == "column 2")
        #expect(error("C11")?.location == "column 3")
        #expect(error("(C)")?.location == "column 1")
        #expect(error("C==C")?.location == "column 3")
        #expect(error("C=1CC#1")?.message.contains("conflicting") == true)
        #expect(error("C1CC=1") == nil)  // a bond symbol on one end only is allowed
        #expect(error("C[N+2x]")?.location == "column 6")
        #expect(error("CC(C")?.message.contains("SMILES 'CC(C'") == true)
    }

    @Test func emptyAndWildcard() throws {
        #expect(try mol("").atoms.isEmpty)
        let w = try mol("*C")
        #expect(w.atoms[0].atomicNumber == 0)
        let g = try MoleculeGraph.graph(w)
        #expect(g.nodeFeatures?.row(0)[0] == 118)  // OGB's "misc" atomic number
    }
}
