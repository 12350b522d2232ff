import Foundation

/// A file a dataset is made of, as published: its name under `<root>/<folder>/raw/`,
/// where to download it, and its SHA-256 when known.
public struct RemoteFile: Sendable, Equatable {
    /// Path below the dataset's raw directory (may contain a subfolder).
    public let name: String
    /// The canonical public URL.
    public let url: String
    /// Lower-case hex SHA-256 of the published bytes, checked after download (of the
    /// archive, when the file comes from one).
    public let sha256: String?
    /// When set, `url` is a ZIP archive and this file is one of its members: a download
    /// unpacks every member whose path starts with `archivePrefix` into the raw
    /// directory, prefix removed (TU datasets: `MUTAG.zip` holds `MUTAG/MUTAG_A.txt`,
    /// prefix `"MUTAG/"`), so optional files of the same archive arrive too.
    public let archivePrefix: String?
    /// An optional file is downloaded with the others when possible, but its absence
    /// does not stop loading: the reader then builds what it can without it (geom-gcn
    /// Wikipedia graphs without `out1_node_feature_label.txt`: topology and splits).
    public let optional: Bool

    public init(_ name: String, url: String, sha256: String? = nil, archivePrefix: String? = nil,
                optional: Bool = false) {
        self.name = name
        self.url = url
        self.sha256 = sha256
        self.archivePrefix = archivePrefix
        self.optional = optional
    }
}

/// A dataset that is read from raw files in a data root.
///
/// Conformers say which files they need (`rawFiles`) and how to turn the raw directory
/// into a `Dataset` (`read(rawDirectory:)`); `load(root:download:)` finds or downloads
/// the files first.
public protocol DatasetSource: Sendable {
    /// Canonical dataset name ("Cora").
    var name: String { get }
    /// Folder under the data root (`<root>/<folder>/raw/...`), usually `name`.
    var folder: String { get }
    /// Files that must be present under the raw directory.
    var rawFiles: [RemoteFile] { get }
    /// Reads the files under `rawDirectory` (which holds `rawFiles`).
    func read(rawDirectory: URL) throws -> Dataset
}

extension DatasetSource {
    public var folder: String { name }

    /// Loads the dataset from `root`, downloading missing files when `download` is
    /// true. Throws `DataError` (`.missingInput`) naming the files and the directory
    /// when they are absent and cannot be fetched.
    public func load(root: DataRoot = .default, download: Bool = true) throws -> Dataset {
        let dir = root.rawDirectory(for: folder)
        try root.ensure(files: rawFiles, in: dir, dataset: name, download: download)
        let dataset = try read(rawDirectory: dir)
        try dataset.validate()
        return dataset
    }
}
