/// A neural-network building block that owns parameters, buffers and submodules.
///
/// Discovery is by reflection over stored properties, so a module declares its state as
/// ordinary properties and nothing else:
/// - a stored `Tensor` or `Tensor?` is a **parameter** (trained by optimizers);
/// - a `@Buffer` tensor is a **buffer** (saved in the state dict, not trained), such as
///   BatchNorm's running statistics;
/// - a stored `Module`, `Module?` or `[Module]` is a **submodule**.
///
/// Names follow PyTorch: the property name in snake_case, dotted through submodules and
/// array indices (`layers.0.weight`), so state dicts line up with PyTorch's.
public protocol Module: AnyObject {
    /// Training mode (dropout active, batch statistics) versus evaluation mode.
    var isTraining: Bool { get set }
}

/// A module with one tensor input and one tensor output, composable in `Sequential`.
public protocol Layer: Module {
    func callAsFunction(_ input: Tensor) throws -> Tensor
}

/// Marks a stored tensor of a module as a buffer: saved and loaded with the state dict
/// but never returned by `parameters()`.
@propertyWrapper
public final class Buffer {
    public var wrappedValue: Tensor
    public init(wrappedValue: Tensor) { self.wrappedValue = wrappedValue }
}

extension Module {
    /// Direct children in declaration order: parameters, buffers and submodules.
    private func ownEntries() -> [(name: String, entry: ModuleEntry)] {
        var out: [(String, ModuleEntry)] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        var levels: [[(String, ModuleEntry)]] = []
        // Superclass properties come first, as in declaration order of the hierarchy.
        while let m = mirror {
            var level: [(String, ModuleEntry)] = []
            for child in m.children {
                guard let label = child.label else { continue }
                let name = snakeCase(label)
                for (suffix, entry) in ModuleEntry.classify(child.value) {
                    level.append((suffix.isEmpty ? name : name + "." + suffix, entry))
                }
            }
            levels.append(level)
            mirror = m.superclassMirror
        }
        for level in levels.reversed() { out += level }
        return out
    }

    /// All parameters with dotted names, depth-first in declaration order.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var out: [(String, Tensor)] = []
        for (name, entry) in ownEntries() {
            switch entry {
            case .parameter(let t): out.append((name, t))
            case .buffer: break
            case .module(let m): out += m.namedParameters().map { (name + "." + $0.name, $0.tensor) }
            }
        }
        return out
    }

    /// All parameters, in `namedParameters()` order.
    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// All buffers with dotted names.
    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        var out: [(String, Tensor)] = []
        for (name, entry) in ownEntries() {
            switch entry {
            case .parameter: break
            case .buffer(let b): out.append((name, b.wrappedValue))
            case .module(let m): out += m.namedBuffers().map { (name + "." + $0.name, $0.tensor) }
            }
        }
        return out
    }

    /// Direct submodules with their names.
    public func namedChildren() -> [(name: String, module: any Module)] {
        ownEntries().compactMap { name, entry in
            if case .module(let m) = entry { return (name, m) }
            return nil
        }
    }

    /// Total number of parameter elements.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Sets training mode on this module and every submodule.
    public func train(_ on: Bool = true) {
        isTraining = on
        for (_, child) in namedChildren() { child.train(on) }
    }

    /// Sets evaluation mode on this module and every submodule.
    public func eval() { train(false) }

    /// Clears the gradient of every parameter.
    public func zeroGrad() {
        for p in parameters() { p.grad = nil }
    }

    /// Parameters and buffers by dotted name, in declaration order.
    public func stateDict() -> StateDict {
        var dict = StateDict()
        collectState(prefix: "", into: &dict)
        return dict
    }

    private func collectState(prefix: String, into dict: inout StateDict) {
        for (name, entry) in ownEntries() {
            switch entry {
            case .parameter(let t): dict[prefix + name] = t
            case .buffer(let b): dict[prefix + name] = b.wrappedValue
            case .module(let m): m.collectState(prefix: prefix + name + ".", into: &dict)
            }
        }
    }

    /// Copies values from `dict` into the parameters and buffers with the same names.
    ///
    /// Shapes must match exactly. With `strict` (the default) the names must match
    /// exactly too; the error lists every missing and unexpected name and every shape
    /// mismatch at once.
    public func loadStateDict(_ dict: StateDict, strict: Bool = true) throws {
        let own = stateDict()
        var problems: [String] = []
        let missing = own.keys.filter { dict[$0] == nil }
        let unexpected = dict.keys.filter { own[$0] == nil }
        if strict {
            if !missing.isEmpty { problems.append("missing keys: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { problems.append("unexpected keys: \(unexpected.joined(separator: ", "))") }
        }
        for key in own.keys {
            guard let target = own[key], let source = dict[key] else { continue }
            if target.shape != source.shape {
                problems.append("\(key): checkpoint has shape \(source.shape), module has \(target.shape)")
            }
        }
        guard problems.isEmpty else { throw StateDictError(problems: problems) }
        for key in own.keys {
            guard let target = own[key], let source = dict[key] else { continue }
            target.withMutableData { dst in
                dst.baseAddress!.update(from: source.data, count: source.count)
            }
        }
    }
}

/// What a stored property of a module is.
enum ModuleEntry {
    case parameter(Tensor)
    case buffer(Buffer)
    case module(any Module)

    /// Classifies a reflected property value; arrays yield one entry per element with
    /// its index as the name suffix.
    static func classify(_ value: Any) -> [(String, ModuleEntry)] {
        if let t = value as? Tensor { return [("", .parameter(t))] }
        if let b = value as? Buffer { return [("", .buffer(b))] }
        if let m = value as? any Module { return [("", .module(m))] }
        if let ms = value as? [any Module] { return ms.enumerated().map { ("\($0.offset)", .module($0.element)) } }
        if let ts = value as? [Tensor] { return ts.enumerated().map { ("\($0.offset)", .parameter($0.element)) } }
        // Optional<T>: unwrap through reflection.
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            if let some = mirror.children.first { return classify(some.value) }
        }
        return []
    }
}

/// `runningMean` → `running_mean`; a leading underscore (property wrappers) is dropped.
func snakeCase(_ label: String) -> String {
    var s = Substring(label)
    if s.hasPrefix("_") { s = s.dropFirst() }
    var out = ""
    for ch in s {
        if ch.isUppercase {
            if !out.isEmpty { out.append("_") }
            out += ch.lowercased()
        } else {
            out.append(ch)
        }
    }
    return out
}

/// Raised by `loadStateDict` with every problem found.
public struct StateDictError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "state dict does not match the module: " + problems.joined(separator: "; ") }
}
