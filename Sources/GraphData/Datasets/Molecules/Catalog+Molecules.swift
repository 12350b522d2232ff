extension DatasetCatalog {
    /// Molecular graph datasets read from SMILES tables.
    static var moleculeEntries: [CatalogEntry] {
        [
            CatalogEntry(name: "Peptides-func", family: "LRGB", task: .graphMultiLabel, source: PeptidesFunc()),
            CatalogEntry(name: "ZINC-micro", family: "Molecules", task: .graphRegression, source: ZINCMicro()),
            CatalogEntry(name: "QM9-micro", family: "Molecules", task: .graphRegression, source: QM9Micro()),
        ]
    }
}
