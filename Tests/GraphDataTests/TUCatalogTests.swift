import Foundation
import Testing
import TestSupport
@testable import GraphData

@Suite struct TUCatalogTests {
    @Test func entriesNameTheirSources() {
        let entries = DatasetCatalog.tuEntries
        #expect(entries.map(\.name) == ["MUTAG", "ENZYMES", "PTC_MR", "IMDB-BINARY", "PROTEINS", "NCI1",
                                        "COLLAB", "REDDIT-BINARY", "DD", "IMDB-MULTI", "EXP"])
        #expect(entries.allSatisfy { $0.task == .graphClassification && $0.source.name == $0.name })
        #expect(entries[0].source.rawFiles.map(\.name) == ["MUTAG_A.txt", "MUTAG_graph_indicator.txt"])
    }

    @Test(.enabled(if: SharedData.available)) func presentInSharedData() throws {
        let root = DataRoot(try #require(SharedData.root))
        let present = DatasetCatalog.tuEntries.filter { $0.isPresent(in: root) }.map(\.name)
        #expect(present == ["MUTAG", "ENZYMES", "PTC_MR", "IMDB-BINARY", "EXP"])
    }
}
