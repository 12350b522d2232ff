extension DatasetCatalog {
    /// The npz and geom-gcn datasets: gnn-benchmark (Amazon, Coauthor), geom-gcn
    /// (WebKB, WikipediaNetwork) and the heterophilous benchmark. Names are what
    /// users type after `--dataset` (matching ignores case, ` `, `-` and `_`).
    ///
    /// The heterophilous `chameleon`, `squirrel`, `wisconsin`, `cornell` and `texas`
    /// files are left out here: their names would collide with the geom-gcn
    /// entries; load them with `Heterophilous(name:)`.
    static var npzEntries: [CatalogEntry] {
        var entries: [CatalogEntry] = []
        for v in AmazonCoauthor.Variant.allCases {
            if let s = try? AmazonCoauthor(name: v.rawValue) {
                entries.append(CatalogEntry(name: s.name, family: "gnn-benchmark", task: .nodeClassification, source: s))
            }
        }
        for name in WebKB.names {
            if let s = try? WebKB(name: name) {
                entries.append(CatalogEntry(name: s.name, family: "WebKB", task: .nodeClassification, source: s))
            }
        }
        for name in WikipediaNetwork.names {
            if let s = try? WikipediaNetwork(name: name) {
                entries.append(CatalogEntry(name: s.name, family: "WikipediaNetwork", task: .nodeClassification, source: s))
            }
        }
        for name in ["roman-empire", "amazon-ratings", "minesweeper", "tolokers", "questions",
                     "chameleon_filtered", "squirrel_filtered"] {
            if let s = try? Heterophilous(name: name) {
                entries.append(CatalogEntry(name: s.name, family: "Heterophilous", task: .nodeClassification, source: s))
            }
        }
        return entries
    }
}
