extension DatasetCatalog {
    /// Datasets that ship inside the library (no files, no download).
    static var embeddedEntries: [CatalogEntry] {
        [CatalogEntry(name: "KarateClub", family: "Embedded", task: .nodeClassification,
                      source: KarateClub(), embedded: true)]
    }
}
