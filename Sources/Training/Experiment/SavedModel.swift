import Foundation

/// A trained node model on disk: its weights in safetensors (PyTorch names) and, in the
/// file's metadata, everything needed to rebuild it (`swiftgnn evaluate` / `predict`).
///
/// Metadata keys: `swiftgnn.model` (`ModelKind`), `swiftgnn.task`, `swiftgnn.dataset`,
/// `swiftgnn.in_channels`, `swiftgnn.out_channels`, `swiftgnn.seed`,
/// `swiftgnn.hyperparameters` (JSON), and `swiftgnn.rewiring` (a JSON array of the `train`
/// rewiring arguments, e.g. `["--rewire", "laser", "--rho", "0.3"]`; absent when the model
/// was trained on the input graph), `swiftgnn.positional_encoding` (`train --pe`, e.g.
/// `rw:4`) with `swiftgnn.normalized_before_encoding` (`true` when the features were
/// row-normalised before the encoding was appended).
public struct SavedModel {
    public var kind: ModelKind
    public var task: TrainingTask
    public var dataset: String
    public var inChannels: Int
    public var outChannels: Int
    public var seed: UInt64
    public var hyperparameters: Hyperparameters
    /// The rewiring the model was trained with, as `swiftgnn train` arguments (empty: none).
    /// `evaluate` and `predict` apply it again, so the model runs on the graphs it learnt on.
    public var rewiring: [String] = []
    /// The positional encoding appended to the features (`train --pe`, e.g. `lap:8`), nil
    /// for none; computed with `seed`, after the rewiring, as in training.
    public var positionalEncoding: String?
    /// The features were row-normalised before the encoding was appended (the saved
    /// hyperparameters then say not to normalise again).
    public var normalizedBeforeEncoding = false

    public init(kind: ModelKind, task: TrainingTask, dataset: String, inChannels: Int, outChannels: Int, seed: UInt64,
                hyperparameters: Hyperparameters) {
        self.kind = kind
        self.task = task
        self.dataset = dataset
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.seed = seed
        self.hyperparameters = hyperparameters
    }

    /// Writes `network`'s weights with this description, atomically.
    public func save(_ network: StackedGNN, to url: URL) throws {
        let h = String(decoding: try JSONEncoder().encode(hyperparameters), as: UTF8.self)
        var metadata = [
            "swiftgnn.model": kind.rawValue, "swiftgnn.task": task.rawValue, "swiftgnn.dataset": dataset,
            "swiftgnn.in_channels": String(inChannels), "swiftgnn.out_channels": String(outChannels),
            "swiftgnn.seed": String(seed), "swiftgnn.hyperparameters": h,
        ]
        if !rewiring.isEmpty {
            metadata["swiftgnn.rewiring"] = String(decoding: try JSONEncoder().encode(rewiring), as: UTF8.self)
        }
        if let positionalEncoding {
            metadata["swiftgnn.positional_encoding"] = positionalEncoding
            metadata["swiftgnn.normalized_before_encoding"] = String(normalizedBeforeEncoding)
        }
        try network.save(to: url, metadata: metadata)
    }

    /// Reads the description and the weights of a file written by `save`.
    /// - Throws: `TrainingError(.invalidInput)` naming the file and the missing or bad key.
    public static func load(from url: URL) throws -> (SavedModel, StackedGNN) {
        let (_, meta) = try Safetensors.read(from: url)
        func field(_ key: String) throws -> String {
            guard let v = meta["swiftgnn." + key] else {
                throw TrainingError(.invalidInput, url.path, "metadata has no 'swiftgnn.\(key)'; was this file written by 'swiftgnn train --out'?")
            }
            return v
        }
        func number(_ key: String) throws -> Int {
            guard let n = Int(try field(key)), n > 0 else {
                throw TrainingError(.invalidInput, url.path, "metadata 'swiftgnn.\(key)' is not a positive integer")
            }
            return n
        }
        guard let kind = ModelKind(rawValue: try field("model")) else {
            throw TrainingError(.invalidInput, url.path, "unknown model '\(try field("model"))'")
        }
        guard let task = TrainingTask(rawValue: try field("task")) else {
            throw TrainingError(.invalidInput, url.path, "unknown task '\(try field("task"))'")
        }
        let h: Hyperparameters
        do { h = try JSONDecoder().decode(Hyperparameters.self, from: Data(try field("hyperparameters").utf8)) } catch {
            throw TrainingError(.invalidInput, url.path, "metadata 'swiftgnn.hyperparameters' is not valid: \(error)")
        }
        var saved = SavedModel(kind: kind, task: task, dataset: try field("dataset"), inChannels: try number("in_channels"),
                               outChannels: try number("out_channels"), seed: UInt64(try field("seed")) ?? 0,
                               hyperparameters: h)
        if let text = meta["swiftgnn.rewiring"] {
            do { saved.rewiring = try JSONDecoder().decode([String].self, from: Data(text.utf8)) } catch {
                throw TrainingError(.invalidInput, url.path, "metadata 'swiftgnn.rewiring' is not a JSON array of strings: \(error)")
            }
        }
        if let encoding = meta["swiftgnn.positional_encoding"] {
            saved.positionalEncoding = encoding
            guard let first = Bool(try field("normalized_before_encoding")) else {
                throw TrainingError(.invalidInput, url.path, "metadata 'swiftgnn.normalized_before_encoding' is not true or false")
            }
            saved.normalizedBeforeEncoding = first
        }
        let network = try kind.nodeNetwork(inChannels: saved.inChannels, outChannels: saved.outChannels, h,
                                           fixedGraph: true, seed: saved.seed)
        try network.load(from: url)
        network.eval()
        return (saved, network)
    }
}
