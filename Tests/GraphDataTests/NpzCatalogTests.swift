import Foundation
import Testing
import TestSupport
@testable import GraphData

@Suite struct NpzCatalogTests {
    @Test func entriesHaveUniqueNamesAndMatchingSources() {
        let entries = DatasetCatalog.npzEntries
        #expect(entries.map(\.name) == [
            "AmazonPhoto", "AmazonComputers", "CoauthorCS", "CoauthorPhysics",
            "Cornell", "Texas", "Wisconsin", "Chameleon", "Squirrel",
            "roman-empire", "amazon-ratings", "minesweeper", "tolokers", "questions",
            "chameleon_filtered", "squirrel_filtered",
        ])
        // Names stay distinct under the catalog's matching (case, ' ', '-', '_' ignored).
        let keys = entries.map { DatasetCatalog.normalized($0.name) }
        #expect(Set(keys).count == keys.count)
        for e in entries {
            #expect(e.source.name == e.name)
            #expect(e.task == .nodeClassification)
            #expect(!e.embedded)
        }
    }

    @Test(.enabled(if: SharedData.available)) func presenceInSharedData() throws {
        let root = DataRoot(try #require(SharedData.root))
        let present = DatasetCatalog.npzEntries.filter { $0.isPresent(in: root) }.map(\.name)
        #expect(present == ["AmazonPhoto", "CoauthorCS", "Cornell", "Texas", "Wisconsin", "Chameleon",
                            "minesweeper", "tolokers", "chameleon_filtered"])
    }
}
