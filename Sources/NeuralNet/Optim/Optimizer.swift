/// Updates parameters from their gradients, like `torch.optim.Optimizer`.
///
/// A training step is `zeroGrad()`, forward, `backward()`, `step()`. Parameters whose
/// `grad` is nil are skipped by `step()` (their state does not advance), as in PyTorch.
/// Updates are written in place into each parameter's storage by one fused loop per
/// parameter: no tensor ops and, after the first step, no allocation.
///
/// ```swift
/// let opt = try Adam(model.parameters(), lr: 1e-2)
/// for _ in 0..<epochs {
///     opt.zeroGrad()
///     let loss = try lossFunction(model(x), y)
///     try loss.backward()
///     opt.step()
/// }
/// ```
///
/// The state dict mirrors `optimizer.state_dict()` flattened with dots: per parameter
/// index `i` (position in `parameters`), `state.i.step` (a scalar) and the buffers under
/// PyTorch's names (`state.i.exp_avg`, `state.i.momentum_buffer`, ...), plus
/// `param_groups.0.lr`. It can be written with `Safetensors.write` to resume training.
public protocol Optimizer: AnyObject {
    /// The tensors this optimizer updates, in the order state-dict indices refer to.
    var parameters: [Tensor] { get }
    /// The learning rate used by the next `step()` (schedulers set it).
    var learningRate: Float { get set }
    /// Applies one update to every parameter that has a gradient.
    func step()
    /// Sets the gradient of every parameter to nil.
    func zeroGrad()
    /// The optimizer state (moment buffers, step counts, learning rate) as named tensors.
    func stateDict() -> StateDict
    /// Restores a state saved by `stateDict()`; throws `StateDictError` listing every
    /// unknown name, wrong shape or incomplete parameter state, and changes nothing then.
    func loadStateDict(_ dict: StateDict) throws
}

extension Optimizer {
    public func zeroGrad() {
        for p in parameters { p.grad = nil }
    }
}

/// Widens a Float hyperparameter to the Double a Python user would have typed: through
/// its shortest decimal form, so `0.999` becomes exactly the double `0.999` PyTorch uses
/// (not 0.99900001287...). Step-size scalars are computed in Double like PyTorch's
/// Python-side arithmetic and rounded to Float once.
@inline(__always)
func decimalWidened(_ x: Float) -> Double {
    guard x.isFinite else { return Double(x) }
    return Double(x.description) ?? Double(x)
}

/// Validates a hyperparameter the way torch.optim's constructors do.
func requireHyper(_ ok: Bool, _ op: String, _ message: @autoclosure () -> String) throws {
    if !ok { throw TensorError(op, message()) }
}

/// Refuses a parameter listed twice (it would be updated twice per step), as PyTorch does.
func requireDistinct(_ parameters: [Tensor], _ op: String) throws {
    var seen = Set<ObjectIdentifier>()
    for (i, p) in parameters.enumerated() where !seen.insert(ObjectIdentifier(p)).inserted {
        throw TensorError(op, "parameter \(i) (shape \(p.shape)) appears more than once in the parameter list")
    }
}

/// Per-parameter optimizer state: an optional step count and named buffers shaped like
/// the parameter, created on the first step that has a gradient (or eagerly, filled with
/// `initialValue`, for Adagrad), as in PyTorch.
final class OptimizerState {
    let owner: String
    let bufferNames: [String]
    let tracksStep: Bool
    /// When set, buffers exist from construction with this value (Adagrad's accumulator).
    let initialValue: Float?
    private(set) var steps: [Int]
    private(set) var buffers: [[Tensor]?]
    private let shapes: [[Int]]

    init(owner: String, parameters: [Tensor], bufferNames: [String], tracksStep: Bool, initialValue: Float? = nil) {
        self.owner = owner
        self.bufferNames = bufferNames
        self.tracksStep = tracksStep
        self.initialValue = initialValue
        shapes = parameters.map(\.shape)
        steps = [Int](repeating: 0, count: parameters.count)
        buffers = [[Tensor]?](repeating: nil, count: parameters.count)
        if initialValue != nil {
            for i in 0..<parameters.count { buffers[i] = makeBuffers(i) }
        }
    }

    private func makeBuffers(_ i: Int) -> [Tensor] {
        bufferNames.map { _ in Tensor.full(shapes[i], initialValue ?? 0) }
    }

    /// The buffers of parameter `i`, created on first use; `fresh` is true when they
    /// were just created (SGD seeds its momentum buffer with the first gradient).
    func buffers(for i: Int) -> (buffers: [Tensor], fresh: Bool) {
        if let b = buffers[i] { return (b, false) }
        let b = makeBuffers(i)
        buffers[i] = b
        return (b, true)
    }

    /// Increments and returns the step count of parameter `i`.
    func advanceStep(_ i: Int) -> Int {
        steps[i] += 1
        return steps[i]
    }

    /// True when parameter `i` has state worth saving.
    private func hasState(_ i: Int) -> Bool {
        buffers[i] != nil || (tracksStep && steps[i] > 0)
    }

    func stateDict(learningRate: Float) -> StateDict {
        var dict = StateDict()
        for i in 0..<shapes.count where hasState(i) {
            if tracksStep { dict["state.\(i).step"] = Tensor(scalar: Float(steps[i])) }
            if let b = buffers[i] {
                for (name, t) in zip(bufferNames, b) { dict["state.\(i).\(name)"] = t.copy() }
            }
        }
        dict["param_groups.0.lr"] = Tensor(scalar: learningRate)
        return dict
    }

    /// Loads `dict` (all or nothing); returns the learning rate it holds, if any.
    func load(_ dict: StateDict) throws -> Float? {
        var problems: [String] = []
        var seen: [Int: Set<String>] = [:]
        var lr: Float? = nil
        for (name, tensor) in dict {
            if name == "param_groups.0.lr" {
                if tensor.count == 1 { lr = tensor.data[0] } else { problems.append("\(name): expected a scalar, found shape \(tensor.shape)") }
                continue
            }
            let parts = name.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "state", let i = Int(parts[1]) else {
                problems.append("unexpected key \(name)")
                continue
            }
            guard i >= 0 && i < shapes.count else {
                problems.append("\(name): parameter index \(i) is out of range (\(owner) has \(shapes.count) parameters)")
                continue
            }
            let key = String(parts[2])
            if key == "step" && tracksStep {
                let v = tensor.count == 1 ? tensor.data[0] : -1
                if tensor.count != 1 || !(v >= 0 && v <= 0x1p62) || v != v.rounded() {
                    problems.append("\(name): expected a scalar non-negative whole step count, found shape \(tensor.shape)\(tensor.count == 1 ? " value \(v)" : "")")
                }
            } else if bufferNames.contains(key) {
                if tensor.shape != shapes[i] {
                    problems.append("\(name): checkpoint has shape \(tensor.shape), parameter \(i) has \(shapes[i])")
                }
            } else {
                problems.append("unexpected key \(name) (\(owner) state holds \((tracksStep ? ["step"] : []) + bufferNames))")
                continue
            }
            seen[i, default: []].insert(key)
        }
        let required = Set(bufferNames + (tracksStep ? ["step"] : []))
        for (i, keys) in seen.sorted(by: { $0.key < $1.key }) where keys != required {
            let missing = required.subtracting(keys).sorted().map { "state.\(i).\($0)" }
            problems.append("incomplete state for parameter \(i): missing \(missing.joined(separator: ", "))")
        }
        if !problems.isEmpty { throw StateDictError(problems: problems) }
        for i in 0..<shapes.count {
            if seen[i] != nil {
                steps[i] = tracksStep ? Int(dict["state.\(i).step"]!.data[0]) : 0
                let b = buffers[i] ?? makeBuffers(i)
                for (name, t) in zip(bufferNames, b) {
                    let src = dict["state.\(i).\(name)"]!
                    t.data.update(from: src.data, count: src.count)
                }
                buffers[i] = b
            } else {
                steps[i] = 0
                buffers[i] = initialValue != nil ? makeBuffers(i) : nil
            }
        }
        return lr
    }
}

/// The fused update loop shared by the optimizers: `body(offset, lanes)` over vectors of
/// 8 floats (the last of a chunk may be partial), in parallel above a grain.
enum FusedUpdate {
    typealias Vec = SIMD8<Float>
    /// Elements per parallel chunk: an update touches 3-5 arrays per element.
    static let grain = Kernels.elementwiseGrain / 4

    @inline(__always)
    static func run(count: Int, _ body: (Int, Int) -> Void) {
        Parallel.forEach(count: count, grain: grain) { r in
            var i = r.lowerBound
            while i + 8 <= r.upperBound {
                body(i, 8)
                i += 8
            }
            if i < r.upperBound { body(i, r.upperBound - i) }
        }
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>, _ i: Int, _ lanes: Int) -> Vec {
        if lanes == 8 { return UnsafeRawPointer(p + i).loadUnaligned(as: Vec.self) }
        var v = Vec(repeating: 0)
        for k in 0..<lanes { v[k] = p[i + k] }
        return v
    }

    @inline(__always)
    static func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>, _ i: Int, _ lanes: Int) {
        if lanes == 8 {
            UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: Vec.self)
            return
        }
        for k in 0..<lanes { p[i + k] = v[k] }
    }

    /// `torch.lerp(a, b, w)` as PyTorch's CPU kernel computes it: `a + w (b - a)` for
    /// |w| < 0.5, else `b - (b - a)(1 - w)`.
    @inline(__always)
    static func lerp(_ a: Vec, _ b: Vec, _ w: Float) -> Vec {
        abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)
    }

    /// Checks the gradient fits the parameter; a mismatch is a programming error (a
    /// hand-assigned gradient of the wrong shape), never produced by `backward()`.
    @inline(__always)
    static func checkGradient(_ owner: String, _ i: Int, _ p: Tensor, _ g: Tensor) {
        precondition(g.count == p.count,
                     "\(owner): gradient of parameter \(i) has shape \(g.shape), the parameter has shape \(p.shape)")
    }
}
