import TensorCore

/// Stateless forms of the layers, like `torch.nn.functional`: each takes its parameters
/// as arguments and records one fused op on the tape. The modules (`Linear`,
/// `LayerNorm`, `BatchNorm`) own the parameters and call these.
public enum Functional {}
