import Foundation

/// Reads a Python pickle into a `PickleValue` without executing anything.
///
/// A pickle is a program for a small stack machine: opcodes push values, build tuples,
/// lists and dicts, remember values in a memo (`BINPUT`/`MEMOIZE`) and fetch them back
/// (`BINGET`), and call globals (`REDUCE`, `NEWOBJ`, `BUILD`). Here globals are only
/// accepted from `PickleGlobal.allowed`, and calls become `PickleValue.object` data
/// nodes. Lists, dicts and objects are shared by reference while reading (as in Python:
/// `BUILD` on a memoised `numpy.dtype` is seen by every later `BINGET` of it), and
/// become values when the pickle stops.
///
/// Supported opcodes: `PROTO`, `FRAME`, `STOP`, `MARK`, `NONE`, `NEWTRUE`, `NEWFALSE`,
/// `BININT`, `BININT1`, `BININT2`, `LONG1`, `BINFLOAT`, `BINSTRING`, `SHORT_BINSTRING`,
/// `BINUNICODE`, `SHORT_BINUNICODE`, `BINBYTES`, `SHORT_BINBYTES`, `EMPTY_TUPLE`,
/// `TUPLE`, `TUPLE1`-`TUPLE3`, `EMPTY_LIST`, `LIST`, `APPEND`, `APPENDS`, `EMPTY_DICT`,
/// `DICT`, `SETITEM`, `SETITEMS`, `GLOBAL`, `STACK_GLOBAL`, `REDUCE`, `NEWOBJ`, `BUILD`,
/// `BINPUT`, `LONG_BINPUT`, `MEMOIZE`, `BINGET`, `LONG_BINGET`. Anything else, a global
/// off the allow-list, a truncated or inconsistent pickle throws a `DataError` naming
/// the file, the byte offset and the opcode.
///
/// - Complexity: O(file size); every length read is checked against the bytes left,
///   so allocations never exceed the file size.
public enum Unpickler {
    /// Values nested deeper than this (tuples in tuples, lists in lists) are rejected.
    public static let maxDepth = 100

    /// Reads the pickle in the file at `url`.
    public static func load(contentsOf url: URL) throws -> PickleValue {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            let missing = !FileManager.default.fileExists(atPath: url.path)
            throw DataError(missing ? .missingInput : .io, file: url.lastPathComponent,
                            "cannot read pickle: \(error.localizedDescription)")
        }
        return try load([UInt8](data), file: url.lastPathComponent)
    }

    /// Reads the pickle in `bytes`; `file` names it in errors.
    public static func load(_ bytes: [UInt8], file: String? = nil) throws -> PickleValue {
        var machine = PickleMachine(bytes: bytes, file: file)
        return try machine.run()
    }
}

/// A value on the machine's stack or in its memo: immutable data, a tuple of such
/// nodes, or a reference to a mutable list, dict or object on the heap.
indirect enum PickleNode {
    case value(PickleValue)
    case tuple([PickleNode], depth: Int)
    case ref(Int)

    var depth: Int {
        if case .tuple(_, let d) = self { d } else { 1 }
    }
}

/// A mutable container on the machine's heap.
enum PickleHeapObject {
    case list([PickleNode])
    case dict([(PickleNode, PickleNode)])
    case object(callable: PickleGlobal, arguments: [PickleNode], viaNewObj: Bool,
                state: PickleNode?, dictItems: [(PickleNode, PickleNode)], listItems: [PickleNode])
}

struct PickleMachine {
    let bytes: [UInt8]
    let file: String?
    var pos = 0
    /// Offset and name of the opcode being executed (for errors).
    var opStart = 0
    var opName = ""
    var stack: [PickleNode] = []
    var marks: [Int] = []
    var memo: [Int: PickleNode] = [:]
    var heap: [PickleHeapObject] = []
    var resolved: [Int: PickleValue] = [:]
    var resolving: Set<Int> = []

    init(bytes: [UInt8], file: String?) {
        self.bytes = bytes
        self.file = file
    }

    func fail(_ message: String) -> DataError {
        DataError(.badData, file: file, at: "byte \(opStart)", "\(opName): \(message)")
    }

    // MARK: - Reading arguments

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - pos else {
            throw fail("truncated: needs \(n) bytes at byte \(pos), \(bytes.count - pos) left")
        }
        defer { pos += n }
        return bytes[pos..<pos + n]
    }

    mutating func byte() throws -> UInt8 { try take(1).first ?? 0 }

    /// A little-endian unsigned integer of `n` bytes (n <= 8).
    mutating func uintLE(_ n: Int) throws -> UInt64 {
        var v: UInt64 = 0
        for (k, b) in try take(n).enumerated() { v |= UInt64(b) << (8 * UInt64(k)) }
        return v
    }

    /// A length argument, checked to fit in the bytes left.
    mutating func length(_ n: Int, signed: Bool = false) throws -> Int {
        let raw = try uintLE(n)
        if signed && n == 4 && Int32(truncatingIfNeeded: raw) < 0 {
            throw fail("negative length \(Int32(truncatingIfNeeded: raw))")
        }
        guard raw <= UInt64(bytes.count - pos) else {
            throw fail("length \(raw) exceeds the \(bytes.count - pos) bytes left")
        }
        return Int(raw)
    }

    /// A `\n`-terminated line (GLOBAL's arguments), as UTF-8.
    mutating func line() throws -> String {
        guard let end = bytes[pos...].firstIndex(of: 0x0A) else {
            throw fail("truncated: no end of line after byte \(pos)")
        }
        defer { pos = end + 1 }
        return String(decoding: bytes[pos..<end], as: UTF8.self)
    }

    mutating func utf8(_ n: Int) throws -> String {
        let slice = try take(n)
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw fail("string of \(n) bytes is not valid UTF-8")
        }
        return s
    }

    // MARK: - Stack

    var floor: Int { marks.last ?? 0 }

    mutating func push(_ n: PickleNode) { stack.append(n) }
    mutating func push(_ v: PickleValue) { stack.append(.value(v)) }

    mutating func pop() throws -> PickleNode {
        guard stack.count > floor else { throw fail("stack underflow") }
        return stack.removeLast()
    }

    func top() throws -> PickleNode {
        guard stack.count > floor, let t = stack.last else { throw fail("stack underflow") }
        return t
    }

    /// Pops everything above the last MARK, and the MARK.
    mutating func popMark() throws -> [PickleNode] {
        guard let m = marks.popLast() else { throw fail("no MARK on the stack") }
        let items = Array(stack[m...])
        stack.removeSubrange(m...)
        return items
    }

    mutating func makeTuple(_ items: [PickleNode]) throws -> PickleNode {
        let depth = 1 + (items.map(\.depth).max() ?? 0)
        guard depth <= Unpickler.maxDepth else {
            throw fail("values nested deeper than \(Unpickler.maxDepth)")
        }
        return .tuple(items, depth: depth)
    }

    mutating func allocate(_ object: PickleHeapObject) -> PickleNode {
        heap.append(object)
        return .ref(heap.count - 1)
    }

    func pairs(_ items: [PickleNode]) throws -> [(PickleNode, PickleNode)] {
        guard items.count % 2 == 0 else { throw fail("odd number of items (\(items.count)) for key/value pairs") }
        return stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
    }

    /// The heap id of the list, dict or object on top of the stack.
    func targetOnTop() throws -> Int {
        guard case .ref(let id) = try top() else {
            throw fail("expected a list, dict or object on the stack")
        }
        return id
    }

    mutating func appendItems(_ items: [PickleNode]) throws {
        let id = try targetOnTop()
        switch heap[id] {
        case .list(var l):
            heap[id] = .list([])
            l.append(contentsOf: items)
            heap[id] = .list(l)
        case .object(let c, let a, let n, let s, let d, var l):
            l.append(contentsOf: items)
            heap[id] = .object(callable: c, arguments: a, viaNewObj: n, state: s, dictItems: d, listItems: l)
        case .dict:
            throw fail("cannot append to a dict")
        }
    }

    mutating func setItems(_ items: [(PickleNode, PickleNode)]) throws {
        let id = try targetOnTop()
        switch heap[id] {
        case .dict(var d):
            heap[id] = .dict([])
            d.append(contentsOf: items)
            heap[id] = .dict(d)
        case .object(let c, let a, let n, let s, var d, let l):
            d.append(contentsOf: items)
            heap[id] = .object(callable: c, arguments: a, viaNewObj: n, state: s, dictItems: d, listItems: l)
        case .list:
            throw fail("cannot set items on a list")
        }
    }

    mutating func memoize(_ index: Int) throws {
        memo[index] = try top()
    }

    func recall(_ index: Int) throws -> PickleNode {
        guard let n = memo[index] else { throw fail("memo entry \(index) was never stored") }
        return n
    }

    func global(_ module: String, _ name: String) throws -> PickleNode {
        let g = PickleGlobal(module: module, name: name)
        guard PickleGlobal.allowed.contains(g) else {
            throw fail("global '\(g)' is not allowed (only numpy arrays, scipy CSR matrices, dicts and lists are read)")
        }
        return .value(.global(g))
    }

    // MARK: - Run

    mutating func run() throws -> PickleValue {
        while true {
            opStart = pos
            guard pos < bytes.count else {
                opName = "end of data"
                throw fail("truncated: the pickle ends without STOP")
            }
            let code = bytes[pos]
            pos += 1
            opName = PickleOpcode.name(of: code)
            guard let op = PickleOpcode(rawValue: code) else {
                throw fail(String(format: "unsupported opcode 0x%02x", code))
            }
            if op == .stop {
                let result = try pop()
                return try resolve(result, depth: 0)
            }
            try execute(op)
        }
    }

    mutating func execute(_ op: PickleOpcode) throws {
        switch op {
        case .proto:
            let v = try byte()
            guard v <= 5 else { throw fail("unknown protocol \(v)") }
        case .frame:
            _ = try length(8)
        case .stop:
            break
        case .mark:
            marks.append(stack.count)
        case .none: push(.none)
        case .newTrue: push(.bool(true))
        case .newFalse: push(.bool(false))
        case .binInt: push(.int(Int(Int32(truncatingIfNeeded: try uintLE(4)))))
        case .binInt1: push(.int(Int(try byte())))
        case .binInt2: push(.int(Int(try uintLE(2))))
        case .long1:
            push(.int(try long(Int(try byte()))))
        case .binFloat:
            var bits: UInt64 = 0
            for b in try take(8) { bits = bits << 8 | UInt64(b) }
            push(.float(Double(bitPattern: bits)))
        case .binString: push(.bytes(Array(try take(try length(4, signed: true)))))
        case .shortBinString, .shortBinBytes: push(.bytes(Array(try take(try length(1)))))
        case .binBytes: push(.bytes(Array(try take(try length(4)))))
        case .binUnicode: push(.string(try utf8(try length(4))))
        case .shortBinUnicode: push(.string(try utf8(try length(1))))
        case .emptyTuple: push(try makeTuple([]))
        case .tuple: push(try makeTuple(try popMark()))
        case .tuple1:
            let a = try pop()
            push(try makeTuple([a]))
        case .tuple2:
            let b = try pop(), a = try pop()
            push(try makeTuple([a, b]))
        case .tuple3:
            let c = try pop(), b = try pop(), a = try pop()
            push(try makeTuple([a, b, c]))
        case .emptyList: push(allocate(.list([])))
        case .list: push(allocate(.list(try popMark())))
        case .append: try appendItems([try pop()])
        case .appends: try appendItems(try popMark())
        case .emptyDict: push(allocate(.dict([])))
        case .dict: push(allocate(.dict(try pairs(try popMark()))))
        case .setItem:
            let value = try pop(), key = try pop()
            try setItems([(key, value)])
        case .setItems: try setItems(try pairs(try popMark()))
        case .global:
            let module = try line(), name = try line()
            push(try global(module, name))
        case .stackGlobal:
            let name = try pop(), module = try pop()
            guard case .value(.string(let n)) = name, case .value(.string(let m)) = module else {
                throw fail("expected module and name strings")
            }
            push(try global(m, n))
        case .reduce:
            let args = try pop(), callable = try pop()
            push(try call(callable, args, viaNewObj: false))
        case .newObj:
            let args = try pop(), cls = try pop()
            push(try call(cls, args, viaNewObj: true))
        case .build:
            let state = try pop()
            let id = try targetOnTop()
            guard case .object(let c, let a, let n, _, let d, let l) = heap[id] else {
                throw fail("BUILD on a list or dict")
            }
            heap[id] = .object(callable: c, arguments: a, viaNewObj: n, state: state, dictItems: d, listItems: l)
        case .binPut: try memoize(Int(try byte()))
        case .longBinPut: try memoize(Int(try uintLE(4)))
        case .memoize: try memoize(memo.count)
        case .binGet: push(try recall(Int(try byte())))
        case .longBinGet: push(try recall(Int(try uintLE(4))))
        }
    }

    /// LONG1's little-endian two's-complement integer of `n` bytes, if it fits in 64 bits.
    mutating func long(_ n: Int) throws -> Int {
        let raw = Array(try take(n))
        guard let last = raw.last else { return 0 }
        let negative = last & 0x80 != 0
        if n > 8 {
            let fill: UInt8 = negative ? 0xFF : 0
            guard raw[8...].allSatisfy({ $0 == fill }), (raw[7] & 0x80 != 0) == negative else {
                throw fail("integer of \(n) bytes does not fit in 64 bits")
            }
        }
        var v: UInt64 = negative ? ~0 : 0
        for k in 0..<Swift.min(n, 8) {
            v &= ~(UInt64(0xFF) << (8 * UInt64(k)))
            v |= UInt64(raw[k]) << (8 * UInt64(k))
        }
        return Int(Int64(bitPattern: v))
    }

    /// `REDUCE` / `NEWOBJ`: a data node for `callable(*args)`; `_codecs.encode(s, "latin1")`
    /// is folded to the bytes it returns.
    mutating func call(_ callable: PickleNode, _ args: PickleNode, viaNewObj: Bool) throws -> PickleNode {
        guard case .value(.global(let g)) = callable else {
            throw fail("the callable is not a global")
        }
        guard case .tuple(let arguments, _) = args else {
            throw fail("the arguments of \(g) are not a tuple")
        }
        if g == .codecsEncode {
            guard arguments.count == 2, case .value(.string(let s)) = arguments[0],
                  case .value(.string(let encoding)) = arguments[1],
                  ["latin1", "latin-1", "iso-8859-1"].contains(encoding.lowercased()) else {
                throw fail("_codecs.encode is read only as encode(str, 'latin1')")
            }
            var out = [UInt8]()
            out.reserveCapacity(s.unicodeScalars.count)
            for u in s.unicodeScalars {
                guard u.value <= 0xFF else { throw fail("character U+\(String(u.value, radix: 16)) is not Latin-1") }
                out.append(UInt8(u.value))
            }
            return .value(.bytes(out))
        }
        return allocate(.object(callable: g, arguments: arguments, viaNewObj: viaNewObj,
                                state: nil, dictItems: [], listItems: []))
    }

    // MARK: - Resolving references into values

    mutating func resolve(_ node: PickleNode, depth: Int) throws -> PickleValue {
        guard depth <= Unpickler.maxDepth else {
            throw fail("values nested deeper than \(Unpickler.maxDepth)")
        }
        switch node {
        case .value(let v):
            return v
        case .tuple(let items, _):
            return .tuple(try items.map { try resolve($0, depth: depth + 1) })
        case .ref(let id):
            if let done = resolved[id] { return done }
            guard !resolving.contains(id) else { throw fail("a list, dict or object contains itself") }
            resolving.insert(id)
            defer { resolving.remove(id) }
            let value: PickleValue
            switch heap[id] {
            case .list(let items):
                value = .list(try items.map { try resolve($0, depth: depth + 1) })
            case .dict(let items):
                value = .dict(try resolveItems(items, depth: depth + 1))
            case .object(let c, let a, let n, let s, let d, let l):
                value = .object(PickleObject(
                    callable: c, arguments: try a.map { try resolve($0, depth: depth + 1) }, viaNewObj: n,
                    state: try s.map { try resolve($0, depth: depth + 1) },
                    dictItems: try resolveItems(d, depth: depth + 1),
                    listItems: try l.map { try resolve($0, depth: depth + 1) }))
            }
            resolved[id] = value
            return value
        }
    }

    mutating func resolveItems(_ items: [(PickleNode, PickleNode)], depth: Int) throws -> [PickleDictItem] {
        try items.map { PickleDictItem(key: try resolve($0.0, depth: depth), value: try resolve($0.1, depth: depth)) }
    }
}
