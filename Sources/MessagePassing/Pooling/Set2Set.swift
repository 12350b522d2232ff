import TensorCore

/// The Set2Set readout of "Order Matters: Sequence to sequence for sets", PyG's
/// `aggr.Set2Set`: an LSTM queries each graph's nodes by attention for `processingSteps`
/// rounds,
///
///     q_t = LSTM(q*_{t−1})                      (state (h, c) carried over, starting at 0)
///     e_i = ⟨x_i, q_t(g)⟩,  a_i = softmax_{i ∈ g}(e_i)
///     r_t(g) = Σ_{i ∈ g} a_i x_i,   q*_t = [q_t ‖ r_t]
///
/// and returns `q*_T`.
/// - Input `x` `[N, F]` and the node segments; output `[G, 2F]`. A graph with no node
///   gets `r = 0` (its query still runs).
/// - Parameters: `lstm` (input `2F`, hidden `F`) with PyTorch's names:
///   `lstm.weight_ih_l0` `[4F, 2F]`, `lstm.weight_hh_l0` `[4F, F]`, `lstm.bias_ih_l0`,
///   `lstm.bias_hh_l0` `[4F]`.
public final class Set2Set: Module {
    public var isTraining = true
    public var lstm: LSTMCell
    public let inChannels: Int
    public let processingSteps: Int
    /// `2 · inChannels`.
    public var outChannels: Int { 2 * inChannels }

    /// A readout with a freshly initialised LSTM drawn from `rng`.
    public convenience init(inChannels: Int, processingSteps: Int, using rng: inout RandomGenerator) {
        self.init(inChannels, processingSteps, LSTMCell(inputSize: 2 * inChannels, hiddenSize: inChannels, using: &rng))
    }

    /// A readout initialised from the global generator (see `Random.seed(_:)`).
    public convenience init(inChannels: Int, processingSteps: Int) {
        self.init(inChannels, processingSteps, LSTMCell(inputSize: 2 * inChannels, hiddenSize: inChannels))
    }

    private init(_ inChannels: Int, _ processingSteps: Int, _ lstm: LSTMCell) {
        precondition(processingSteps >= 0, "Set2Set: processingSteps must be non-negative, got \(processingSteps)")
        self.inChannels = inChannels
        self.processingSteps = processingSteps
        self.lstm = lstm
    }

    /// Reads out `x` `[N, F]` per graph of `segments`: `[G, 2F]`.
    public func callAsFunction(_ x: Tensor, _ segments: NodeSegments) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == inChannels else {
            throw TensorError("Set2Set", "input has shape \(x.shape), expected [N, \(inChannels)]")
        }
        try segments.check(x, "Set2Set")
        let g = segments.numGraphs
        var state = (h: Tensor.zeros([g, inChannels]), c: Tensor.zeros([g, inChannels]))
        var qStar = Tensor.zeros([g, outChannels])
        for _ in 0..<processingSteps {
            state = try lstm(qStar, state)
            let q = state.h
            let e = try (x * segments.broadcast(q)).sum(axis: -1, keepDims: true)
            let a = try segments.softmax(e)
            let r = try segments.reduce(a * x, .sum)
            qStar = try Tensor.concat([q, r], axis: -1)
        }
        return qStar
    }

    /// Reads out each graph of `batch`.
    public func callAsFunction(_ x: Tensor, batch: GraphBatch) throws -> Tensor {
        try self(x, NodeSegments(batch))
    }

    /// PyG's call: `batch` node → graph (nil: one graph), `size` graphs.
    public func callAsFunction(_ x: Tensor, batch: [Int32]?, size: Int? = nil) throws -> Tensor {
        try self(x, NodeSegments(batch: batch, numNodes: x.shape.first ?? 0, size: size))
    }
}
