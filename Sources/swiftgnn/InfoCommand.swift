import ArgumentParser
import Foundation
import SwiftGNN

/// `swiftgnn info --dataset NAME`: loads a dataset and prints its sizes and statistics.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Load a dataset and print its size, features, classes, degrees, self loops and homophily.",
        discussion: """
            NAME is a dataset from 'swiftgnn datasets' (case, spaces, '-' and '_' are \
            ignored), or the path of an edge-list CSV with 'source' and 'target' columns \
            (then --nodes may name a node CSV with an 'id' column, an optional 'label' \
            column and feature columns). Graph-level datasets report statistics over all \
            their graphs together. Missing files are downloaded into the data root unless \
            --offline is given.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Dataset name, or an edge-list CSV file.", valueName: "name"))
    var dataset: String

    @Option(name: .long, help: ArgumentHelp("Data root directory.", valueName: "dir"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("Node CSV for an edge-list CSV dataset.", valueName: "file"))
    var nodes: String?

    @Flag(name: .long, help: "Treat the CSV edge list as undirected (add reverse edges).")
    var undirected = false

    @Flag(name: .long, help: "Never download; fail naming the missing files instead.")
    var offline = false

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let loaded: Dataset
        if dataset.lowercased().hasSuffix(".csv") {
            loaded = try CSVGraph(edges: URL(fileURLWithPath: dataset),
                                  nodes: nodes.map { URL(fileURLWithPath: $0) },
                                  undirected: undirected).load()
        } else {
            loaded = try DatasetCatalog.load(dataset, root: DataRoot.resolve(dataDir), download: !offline)
        }
        let summary = try DatasetSummary(loaded)
        if json { return try printJSON(summary, snakeCase: true) }
        summary.lines.forEach { print($0) }
    }
}
