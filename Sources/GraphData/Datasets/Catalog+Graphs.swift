/// Graph-classification datasets: the TU collection and EXP.
extension DatasetCatalog {
    /// TU datasets as PyG's `TUDataset(name:)` reads them (node label one-hots, no node
    /// attributes), then EXP.
    static var tuEntries: [CatalogEntry] {
        let tu = ["MUTAG", "ENZYMES", "PTC_MR", "IMDB-BINARY", "PROTEINS", "NCI1", "COLLAB",
                  "REDDIT-BINARY", "DD", "IMDB-MULTI"].map {
            CatalogEntry(name: $0, family: "TU", task: .graphClassification, source: TUDataset(name: $0))
        }
        return tu + [CatalogEntry(name: "EXP", family: "EXP", task: .graphClassification, source: EXPDataset())]
    }
}
