import TensorCore

/// Layers applied in order, `torch.nn.Sequential`: `y = layers[n−1](… layers[0](x))`.
///
/// State-dict names are the layer positions, as torch: `0.weight`, `0.bias`,
/// `2.running_mean`, ... (and `head.0.weight` when the Sequential is itself a property
/// `head` of another module). The layers are one stored array; the module's reflection
/// (`CustomReflectable`) presents each element under its index, so the reflective
/// discovery of `Module` names them without a property prefix.
///
/// An empty Sequential is the identity.
public final class Sequential: Layer, CustomReflectable {
    public var isTraining = true
    /// The layers, in application order.
    public var layers: [any Layer]

    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    public convenience init(_ layers: any Layer...) {
        self.init(layers)
    }

    /// Number of layers.
    public var count: Int { layers.count }

    /// The layer at `index`.
    public subscript(index: Int) -> any Layer { layers[index] }

    /// Adds a layer at the end (its state-dict prefix is its new index).
    public func append(_ layer: any Layer) {
        layers.append(layer)
    }

    /// Applies each layer in turn; errors name the failing position.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        var x = input
        for (i, layer) in layers.enumerated() {
            do {
                x = try layer(x)
            } catch let error as TensorError {
                throw TensorError(error.op, "\(error.message) (in Sequential layer \(i), \(type(of: layer)))")
            }
        }
        return x
    }

    /// Children `"0"`, `"1"`, ... — one per layer — for `Module`'s discovery.
    public var customMirror: Mirror {
        Mirror(self, children: layers.enumerated().map { (label: String?.some("\($0.offset)"), value: $0.element as Any) },
               displayStyle: .class)
    }
}
