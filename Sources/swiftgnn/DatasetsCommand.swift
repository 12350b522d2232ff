import ArgumentParser
import SwiftGNN

/// `swiftgnn datasets`: the datasets SwiftGNN knows, where they would live, and whether
/// their files are there.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the known datasets, where their files live, and whether they are present.",
        discussion: """
            The data root is --data-dir, else $SWIFTGNN_DATA, else ~/.cache/swiftgnn; a \
            dataset's files live in <root>/<Name>/raw/ as published. Missing datasets are \
            downloaded on first use.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Data root directory.", valueName: "dir"))
    var dataDir: String?

    @Flag(name: .long, help: "Print one JSON object instead of the table.")
    var json = false

    struct Row: Encodable {
        let name: String
        let family: String
        let task: String
        let present: Bool
        let embedded: Bool
        let path: String?
    }

    struct Summary: Encodable {
        let dataRoot: String
        let datasets: [Row]
        enum CodingKeys: String, CodingKey { case dataRoot = "data_root", datasets }
    }

    func run() throws {
        let root = DataRoot.resolve(dataDir)
        let rows = DatasetCatalog.all.map { entry in
            Row(name: entry.name, family: entry.family, task: entry.task.rawValue,
                present: entry.isPresent(in: root), embedded: entry.embedded,
                path: entry.embedded ? nil : root.rawDirectory(for: entry.source.folder).path)
        }
        if json { return try printJSON(Summary(dataRoot: root.directory.path, datasets: rows)) }
        print("data root: \(root.directory.path)")
        let table = Table([
            .init("dataset", width: rows.map(\.name.count).max() ?? 7),
            .init("family", width: rows.map(\.family.count).max() ?? 6),
            .init("task", width: 20),
            .init("status", width: 8),
            .init("files", width: 5),
        ])
        table.printHeader()
        for r in rows {
            table.printRow([r.name, r.family, r.task,
                            r.embedded ? "embedded" : (r.present ? "present" : "missing"),
                            r.path ?? "-"])
        }
        let present = rows.filter { $0.present }.count
        print("\(rows.count) datasets, \(present) available here")
    }
}
