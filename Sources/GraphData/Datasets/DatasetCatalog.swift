import Foundation

/// One dataset SwiftGNN knows by name.
public struct CatalogEntry: Sendable {
    /// Canonical name, e.g. "Cora".
    public let name: String
    /// Family / raw format, e.g. "Planetoid", "TU".
    public let family: String
    public let task: TaskKind
    /// How to read it; nil for datasets embedded in the library.
    public let source: any DatasetSource
    /// True when the data ship inside the library (no files needed).
    public let embedded: Bool

    public init(name: String, family: String, task: TaskKind, source: any DatasetSource, embedded: Bool = false) {
        self.name = name
        self.family = family
        self.task = task
        self.source = source
        self.embedded = embedded
    }

    /// Whether every raw file is present under `root` (always true when embedded).
    public func isPresent(in root: DataRoot) -> Bool {
        embedded || root.missing(source.rawFiles, in: root.rawDirectory(for: source.folder)).isEmpty
    }
}

/// The datasets SwiftGNN can load by name (`swiftgnn datasets`, `--dataset NAME`).
public enum DatasetCatalog {
    /// Every known dataset, grouped by family.
    public static var all: [CatalogEntry] {
        families.flatMap { $0 }
    }

    /// The entry whose name matches `name` ignoring case and the characters ` `, `-`, `_`.
    /// Throws a `.usage` error listing the known names when none does.
    public static func entry(named name: String) throws -> CatalogEntry {
        let key = normalized(name)
        if let hit = all.first(where: { normalized($0.name) == key }) { return hit }
        let names = all.map(\.name).joined(separator: ", ")
        throw DataError(.usage, "unknown dataset '\(name)'; known datasets: \(names)")
    }

    /// Loads `name` from `root` (downloading missing files when `download`).
    public static func load(_ name: String, root: DataRoot = .default, download: Bool = true) throws -> Dataset {
        try entry(named: name).source.load(root: root, download: download)
    }

    static func normalized(_ s: String) -> String {
        String(s.lowercased().filter { !" -_".contains($0) })
    }
}

extension DatasetCatalog {
    /// The families in display order; each family's folder defines its entries.
    static var families: [[CatalogEntry]] {
        [embeddedEntries, planetoidEntries, tuEntries, npzEntries, moleculeEntries]
    }
}
