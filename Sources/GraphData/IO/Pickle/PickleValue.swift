/// A value read from a Python pickle, as plain data: nothing in a pickle is ever
/// executed. Classes and functions the pickle names (from the allow-list in
/// `PickleGlobal`) stay references, and the objects they would have built stay
/// `object` nodes holding the constructor's arguments and the state `BUILD` gave them;
/// decoders such as `PickledArray` and `PickledCSR` turn those nodes into Swift values.
///
/// Python 2 `str` (opcodes `STRING`/`BINSTRING`/`SHORT_BINSTRING`) and Python 3 `bytes`
/// are both `bytes`; Python `unicode`/`str` is `string`. `text` reads either as a
/// string (bytes as Latin-1, as `pickle.load(f, encoding="latin1")` does).
public indirect enum PickleValue: Sendable, Equatable {
    case none
    case bool(Bool)
    /// An integer that fits in 64 bits (`BININT*`, `LONG1`).
    case int(Int)
    case float(Double)
    case bytes([UInt8])
    case string(String)
    case tuple([PickleValue])
    case list([PickleValue])
    /// A `dict`, items in insertion order.
    case dict([PickleDictItem])
    /// A reference to a class or function on the allow-list (not resolved or called).
    case global(PickleGlobal)
    /// What `callable(*arguments)` (`REDUCE`) or `cls.__new__(cls, *arguments)`
    /// (`NEWOBJ`) would have built, with its `BUILD` state and any items set on it.
    case object(PickleObject)

    /// The string of a `string`, or of `bytes` read as Latin-1; nil otherwise.
    public var text: String? {
        switch self {
        case .string(let s): return s
        case .bytes(let b):
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: b.map { Unicode.Scalar($0) })
            return String(scalars)
        default: return nil
        }
    }

    /// The elements of a `tuple` or `list`; nil otherwise.
    public var elements: [PickleValue]? {
        switch self {
        case .tuple(let t), .list(let t): return t
        default: return nil
        }
    }

    /// The integer of an `int` or `bool` (Python's `bool` is an `int`); nil otherwise.
    public var integer: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The items of a `dict`, or of an object that items were set on (e.g. a
    /// `collections.defaultdict`); nil otherwise.
    public var dictItems: [PickleDictItem]? {
        switch self {
        case .dict(let items): return items
        case .object(let o) where o.callable == .defaultdict || o.callable == .builtinsDict
            || o.callable == .builtinDict: return o.dictItems
        default: return nil
        }
    }

    /// The value stored under the string key `key` of a dict (string or Latin-1 bytes keys).
    public func value(forKey key: String) -> PickleValue? {
        dictItems?.first { $0.key.text == key }?.value
    }

    /// A short description of the kind of value, for error messages.
    public var kindName: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .bytes: "bytes"
        case .string: "str"
        case .tuple(let t): "tuple of \(t.count)"
        case .list(let l): "list of \(l.count)"
        case .dict(let d): "dict of \(d.count)"
        case .global(let g): "global \(g)"
        case .object(let o): "\(o.callable) object"
        }
    }
}

/// One `key: value` item of a pickled dict.
public struct PickleDictItem: Sendable, Equatable {
    public var key: PickleValue
    public var value: PickleValue

    public init(key: PickleValue, value: PickleValue) {
        self.key = key
        self.value = value
    }
}

/// An object a pickle would have built by calling an allow-listed global, kept as data.
public struct PickleObject: Sendable, Equatable {
    /// The class or function (`REDUCE`) or class (`NEWOBJ`) that builds it.
    public var callable: PickleGlobal
    /// The arguments of the call.
    public var arguments: [PickleValue]
    /// True when built by `NEWOBJ` (`cls.__new__(cls, *args)`), false for `REDUCE`.
    public var viaNewObj: Bool
    /// The argument of `BUILD` (`__setstate__` or `__dict__` update), if any.
    public var state: PickleValue?
    /// Items set with `SETITEM(S)` (e.g. on a `defaultdict`), in order.
    public var dictItems: [PickleDictItem]
    /// Items added with `APPEND(S)` (e.g. on a list subclass), in order.
    public var listItems: [PickleValue]

    public init(callable: PickleGlobal, arguments: [PickleValue], viaNewObj: Bool = false,
                state: PickleValue? = nil, dictItems: [PickleDictItem] = [], listItems: [PickleValue] = []) {
        self.callable = callable
        self.arguments = arguments
        self.viaNewObj = viaNewObj
        self.state = state
        self.dictItems = dictItems
        self.listItems = listItems
    }
}
