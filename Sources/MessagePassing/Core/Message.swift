/// The message φ a layer sends along each edge `j -> i`, in
/// `x_i' = γ(x_i, ⊕_{j ∈ N(i)} φ(x_i, x_j, e_ji))`.
///
/// The two built-in forms let the mechanism fuse message and aggregation into one sparse
/// product (see `Propagation`); `custom` is the general form, computed per edge.
public enum Message {
    /// `φ = x_j`: the source node's features.
    case source
    /// `φ = w_ji · x_j`: the source features scaled by the scalar edge weight passed to
    /// `propagate` (all ones when none is passed).
    case weightedSource
    /// Any per-edge function of the gathered endpoint features and edge data. It returns
    /// `[E, F']`, one row per edge, in the order of `EdgeInputs` (CSR by destination).
    case custom((EdgeInputs) throws -> Tensor)
}
