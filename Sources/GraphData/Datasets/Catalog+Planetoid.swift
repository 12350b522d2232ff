extension DatasetCatalog {
    /// Cora, CiteSeer and PubMed with their public split (`Planetoid`).
    static var planetoidEntries: [CatalogEntry] {
        Planetoid.Name.allCases.compactMap { name in
            (try? Planetoid(name, split: .public)).map {
                CatalogEntry(name: name.rawValue, family: "Planetoid", task: .nodeClassification, source: $0)
            }
        }
    }
}
