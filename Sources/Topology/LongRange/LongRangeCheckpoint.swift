import Foundation
import NeuralNet
import TensorCore
import Training

/// Checkpointing of `LongRangeTrainer.train`, for runs of hours (Tree-NeighborsMatch at
/// depth 4 runs up to 500 epochs of 100 passes). After every epoch the trainer writes, in
/// one safetensors file (`TrainingCheckpoint`, atomic): the model, Adam's moments and
/// learning rate, and as JSON metadata the rest of the loop's state — the plateau
/// schedule's counters, the shuffling generator, the process-wide generator, the epoch,
/// the best-so-far accuracies and the patience counter, and the seconds spent.
///
/// With `resume`, an existing file is loaded and training continues with the next epoch,
/// bit for bit as if it had not stopped; a file whose run had already stopped returns its
/// result at once. A file written for another task, size, seed, layer count, dataset size
/// or protocol is refused (the maximum number of epochs may change). Without `resume`, an existing
/// file is refused (never overwritten).
public struct LongRangeCheckpoint: Sendable {
    public var url: URL
    public var resume: Bool

    public init(url: URL, resume: Bool) {
        self.url = url
        self.resume = resume
    }

    /// The metadata key of the loop state.
    static let stateKey = "swiftgnn.longrange_state"

    /// Everything of the training loop that is not a tensor.
    struct State: Codable, Equatable {
        var task: LongRangeTask
        var size: Int
        var seed: UInt64
        var layers: Int
        /// The dataset's split sizes (`--samples`, `--permutations` change them).
        var trainExamples: Int
        var testExamples: Int
        var protocolUsed: LongRangeProtocol
        var epoch: Int
        var finished: Bool
        var shuffle: RandomGenerator
        var global: RandomGenerator
        var plateau: ReduceLROnPlateau.State
        var best: Double
        var bestTrain: Double
        var bestTest: Double
        var bestEpoch: Int
        var sinceBest: Int
        var seconds: Double

        var summary: String {
            "\(task.rawValue) size \(size) seed \(seed), \(layers) layers, \(trainExamples)/\(testExamples) train/test examples"
        }

        /// Same run: task, size, seed, layers and protocol, except for the maximum number of
        /// epochs (a resumed run may go on for longer, or stop sooner).
        func matches(_ other: State) -> Bool {
            var mine = protocolUsed, theirs = other.protocolUsed
            mine.epochs = 0
            theirs.epochs = 0
            return task == other.task && size == other.size && seed == other.seed && layers == other.layers
                && trainExamples == other.trainExamples && testExamples == other.testExamples && mine == theirs
        }
    }

    /// JSON with infinities as strings (the plateau's `best` starts at −∞), keys as
    /// declared: `TrainingCheckpoint`'s snake-case coding does not round-trip acronym keys
    /// such as `LongRangeProtocol.plateauMinLR` (`plateau_min_lr` decodes as `plateauMinLr`).
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return d
    }

    func save(_ state: State, model: some Module, optimizer: any Optimizer) throws {
        let json = String(decoding: try Self.encoder().encode(state), as: UTF8.self)
        try TrainingCheckpoint.save(to: url, model: model, optimizers: [optimizer], epoch: state.epoch,
                                    earlyStopping: nil, metadata: [Self.stateKey: json])
    }

    /// Loads `url` into `model` and `optimizer` when resuming and the file exists; nil to
    /// start afresh. - Throws: `.invalidInput` naming the file for a file of another run,
    /// or an existing file without `resume`.
    func load(expecting fresh: State, model: some Module, optimizer: any Optimizer) throws -> State? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard resume else {
            throw TrainingError(.invalidInput, url.path, "a checkpoint exists already: resume it, or remove it to start again")
        }
        let metadata = try TrainingCheckpoint.runMetadata(at: url)
        let state: State
        do {
            guard let json = metadata[Self.stateKey] else { throw TrainingError(.invalidInput, url.path, "no \(Self.stateKey)") }
            state = try Self.decoder().decode(State.self, from: Data(json.utf8))
        } catch {
            throw TrainingError(.invalidInput, url.path, "not a long-range checkpoint (metadata '\(Self.stateKey)'): \(error)")
        }
        guard state.matches(fresh) else {
            throw TrainingError(.invalidInput, url.path,
                                "checkpoint of another run: \(state.summary); this run: \(fresh.summary) (or another protocol)")
        }
        try TrainingCheckpoint.load(from: url, model: model, optimizers: [optimizer], earlyStopping: nil)
        return state
    }
}
