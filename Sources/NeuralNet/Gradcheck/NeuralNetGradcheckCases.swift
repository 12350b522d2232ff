import TensorCore

/// Gradient checks for every fused op of NeuralNet (layers and losses), one case per op
/// and notable variant. Run by the tests and, with `GradcheckSuite.tensorCore`, by the
/// CLI's `gradcheck` command. Index targets and constant weights are built inside each
/// case's function; every tensor listed in `shapes` is checked.
public enum NeuralNetGradchecks {
    public static var all: [GradcheckCase] {
        linearCases + normCases + classificationLossCases + regressionLossCases
    }

    static var linearCases: [GradcheckCase] {
        [
            GradcheckCase("linear 2-D", shapes: [[4, 3], [5, 3], [5]]) {
                try Functional.linear($0[0], weight: $0[1], bias: $0[2])
            },
            GradcheckCase("linear 2-D no bias", shapes: [[4, 3], [5, 3]]) {
                try Functional.linear($0[0], weight: $0[1])
            },
            GradcheckCase("linear 3-D", shapes: [[2, 3, 4], [5, 4], [5]]) {
                try Functional.linear($0[0], weight: $0[1], bias: $0[2])
            },
            GradcheckCase("linear 3-D no bias", shapes: [[2, 3, 4], [5, 4]]) {
                try Functional.linear($0[0], weight: $0[1])
            },
            GradcheckCase("linear 1-D input", shapes: [[3], [2, 3], [2]]) {
                try Functional.linear($0[0], weight: $0[1], bias: $0[2])
            },
        ]
    }

    static var normCases: [GradcheckCase] {
        [
            GradcheckCase("layerNorm", shapes: [[3, 5], [5], [5]]) {
                try Functional.layerNorm($0[0], normalizedShape: [5], weight: $0[1], bias: $0[2])
            },
            GradcheckCase("layerNorm over 2 axes", shapes: [[2, 2, 3], [2, 3], [2, 3]]) {
                try Functional.layerNorm($0[0], normalizedShape: [2, 3], weight: $0[1], bias: $0[2])
            },
            GradcheckCase("layerNorm no affine", shapes: [[4, 6]]) {
                try Functional.layerNorm($0[0], normalizedShape: [6])
            },
            GradcheckCase("batchNorm train [N, C]", shapes: [[5, 3], [3], [3]]) {
                try Functional.batchNorm($0[0], runningMean: nil, runningVar: nil, weight: $0[1], bias: $0[2], training: true)
            },
            GradcheckCase("batchNorm train [N, C, L]", shapes: [[3, 2, 4], [2], [2]]) {
                try Functional.batchNorm($0[0], runningMean: nil, runningVar: nil, weight: $0[1], bias: $0[2], training: true)
            },
            GradcheckCase("batchNorm train no affine", shapes: [[6, 3]]) {
                try Functional.batchNorm($0[0], runningMean: nil, runningVar: nil, training: true)
            },
            GradcheckCase("batchNorm eval", shapes: [[4, 2], [2], [2]]) {
                try Functional.batchNorm($0[0], runningMean: Tensor([0.1, -0.2]), runningVar: Tensor([0.5, 1.5]),
                                         weight: $0[1], bias: $0[2], training: false)
            },
        ]
    }

    static var classificationLossCases: [GradcheckCase] {
        let target = Int32Tensor([0, 2, 1, 2, 0])
        let ignored = Int32Tensor([0, -100, 1, 2, -100])
        let w: [Float] = [0.5, 2.0, 1.25]  // class weights (Tensor is not Sendable)
        let strong: [Float] = [0.5, 4, 2]  // far from uniform, so weight errors show
        return [
            GradcheckCase("crossEntropy mean", shapes: [[5, 3]]) { try Loss.crossEntropy($0[0], target) },
            GradcheckCase("crossEntropy sum", shapes: [[5, 3]]) { try Loss.crossEntropy($0[0], target, reduction: .sum) },
            GradcheckCase("crossEntropy none", shapes: [[5, 3]]) { try Loss.crossEntropy($0[0], target, reduction: .none) },
            GradcheckCase("crossEntropy weight", shapes: [[5, 3]]) {
                try Loss.crossEntropy($0[0], target, weight: Tensor(w))
            },
            GradcheckCase("crossEntropy ignoreIndex", shapes: [[5, 3]]) { try Loss.crossEntropy($0[0], ignored) },
            GradcheckCase("crossEntropy labelSmoothing", shapes: [[5, 3]]) {
                try Loss.crossEntropy($0[0], target, labelSmoothing: 0.2)
            },
            GradcheckCase("crossEntropy smoothing+weight+ignore", shapes: [[5, 3]]) {
                try Loss.crossEntropy($0[0], ignored, weight: Tensor(w), labelSmoothing: 0.3)
            },
            GradcheckCase("crossEntropy smoothing+weight+ignore sum", shapes: [[5, 3]]) {
                try Loss.crossEntropy($0[0], ignored, weight: Tensor(strong), labelSmoothing: 0.6, reduction: .sum)
            },
            GradcheckCase("crossEntropy smoothing+weight none", shapes: [[5, 3]]) {
                try Loss.crossEntropy($0[0], ignored, weight: Tensor(w), labelSmoothing: 0.1, reduction: .none)
            },
            GradcheckCase("nll mean", shapes: [[5, 3]]) { try Loss.nll($0[0], target) },
            GradcheckCase("nll weight+ignore", shapes: [[5, 3]]) { try Loss.nll($0[0], ignored, weight: Tensor(w)) },
            GradcheckCase("nll sum", shapes: [[5, 3]]) { try Loss.nll($0[0], ignored, reduction: .sum) },
            GradcheckCase("nll none", shapes: [[5, 3]]) { try Loss.nll($0[0], target, weight: Tensor(w), reduction: .none) },
            GradcheckCase("bceWithLogits mean", shapes: [[3, 4], [3, 4]], low: -2, high: 2) {
                try Loss.bceWithLogits($0[0], $0[1])
            },
            GradcheckCase("bceWithLogits weight (broadcast) sum", shapes: [[3, 4], [3, 4]], low: -2, high: 2) {
                try Loss.bceWithLogits($0[0], $0[1], weight: Tensor([0.5, 1, 1.5, 2]), reduction: .sum)
            },
            GradcheckCase("bceWithLogits posWeight", shapes: [[3, 4], [3, 4]], low: -2, high: 2) {
                try Loss.bceWithLogits($0[0], $0[1], posWeight: Tensor([3, 0.5, 1, 2]))
            },
            GradcheckCase("bceWithLogits weight+posWeight none", shapes: [[3, 4], [3, 4]], low: -2, high: 2) {
                try Loss.bceWithLogits($0[0], $0[1], weight: try Tensor(shape: [3, 1], scalars: [1, 0.5, 2]),
                                       posWeight: Tensor([3, 0.5, 1, 2]), reduction: .none)
            },
        ]
    }

    /// Targets enter as `0.1 · t` and inputs are kept at |x| ≥ 0.3, so `x − target` stays
    /// away from the kinks at 0 (l1) and checks run on both sides of δ/β.
    static var regressionLossCases: [GradcheckCase] {
        [
            GradcheckCase("mse mean", shapes: [[3, 4], [3, 4]]) { try Loss.mse($0[0], $0[1]) },
            GradcheckCase("mse sum", shapes: [[3, 4], [3, 4]]) { try Loss.mse($0[0], $0[1], reduction: .sum) },
            GradcheckCase("mse none", shapes: [[3, 4], [3, 4]]) { try Loss.mse($0[0], $0[1], reduction: .none) },
            GradcheckCase("l1 mean", shapes: [[3, 4], [3, 4]], awayFromZero: 0.3) { try Loss.l1($0[0], $0[1] * 0.1) },
            GradcheckCase("l1 none", shapes: [[3, 4], [3, 4]], awayFromZero: 0.3) {
                try Loss.l1($0[0], $0[1] * 0.1, reduction: .none)
            },
            GradcheckCase("huber mean", shapes: [[3, 4], [3, 4]], awayFromZero: 0.3) {
                try Loss.huber($0[0], $0[1] * 0.1, delta: 0.75)
            },
            GradcheckCase("huber sum", shapes: [[3, 4], [3, 4]], awayFromZero: 0.3) {
                try Loss.huber($0[0], $0[1] * 0.1, delta: 0.75, reduction: .sum)
            },
            GradcheckCase("smoothL1 mean", shapes: [[3, 4], [3, 4]], awayFromZero: 0.3) {
                try Loss.smoothL1($0[0], $0[1] * 0.1, beta: 0.75)
            },
            GradcheckCase("smoothL1 none", shapes: [[3, 4], [3, 4]], awayFromZero: 0.3) {
                try Loss.smoothL1($0[0], $0[1] * 0.1, beta: 0.75, reduction: .none)
            },
        ]
    }
}
