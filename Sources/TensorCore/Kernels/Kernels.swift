/// Namespace of the raw CPU kernels behind the ops. Kernels take and return tensors but
/// never record on the tape; ops in `Ops/` call them and record the backward.
public enum Kernels {
    /// Elements per parallel chunk for cheap elementwise loops (about 10-30 µs of work).
    public static let elementwiseGrain = 1 << 15
}
