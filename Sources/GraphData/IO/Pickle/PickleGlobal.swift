/// A class or function named in a pickle (`GLOBAL` / `STACK_GLOBAL`), accepted only when
/// it is on the allow-list below. It is never imported or called: it labels the data
/// nodes built from it.
///
/// The list holds what numpy arrays, scipy CSR matrices and the Planetoid graph
/// `defaultdict(list)` pickle to under Python 2 and 3 (numpy 1 and 2, scipy before and
/// after 1.8), plus `_codecs.encode` (Python 3's protocol-2 form of `bytes`, folded to
/// bytes while reading, Latin-1 only).
public struct PickleGlobal: Sendable, Hashable, CustomStringConvertible {
    public let module: String
    public let name: String

    public init(module: String, name: String) {
        self.module = module
        self.name = name
    }

    /// `module.name`.
    public var description: String { "\(module).\(name)" }

    public static let numpyReconstruct = PickleGlobal(module: "numpy.core.multiarray", name: "_reconstruct")
    public static let numpy2Reconstruct = PickleGlobal(module: "numpy._core.multiarray", name: "_reconstruct")
    public static let ndarray = PickleGlobal(module: "numpy", name: "ndarray")
    public static let dtype = PickleGlobal(module: "numpy", name: "dtype")
    public static let csrMatrix = PickleGlobal(module: "scipy.sparse.csr", name: "csr_matrix")
    public static let csrMatrixPrivate = PickleGlobal(module: "scipy.sparse._csr", name: "csr_matrix")
    public static let defaultdict = PickleGlobal(module: "collections", name: "defaultdict")
    public static let copyRegReconstructor = PickleGlobal(module: "copy_reg", name: "_reconstructor")
    public static let copyregReconstructor = PickleGlobal(module: "copyreg", name: "_reconstructor")
    public static let codecsEncode = PickleGlobal(module: "_codecs", name: "encode")
    public static let builtinObject = PickleGlobal(module: "__builtin__", name: "object")
    public static let builtinList = PickleGlobal(module: "__builtin__", name: "list")
    public static let builtinDict = PickleGlobal(module: "__builtin__", name: "dict")
    public static let builtinSet = PickleGlobal(module: "__builtin__", name: "set")
    public static let builtinsObject = PickleGlobal(module: "builtins", name: "object")
    public static let builtinsList = PickleGlobal(module: "builtins", name: "list")
    public static let builtinsDict = PickleGlobal(module: "builtins", name: "dict")
    public static let builtinsSet = PickleGlobal(module: "builtins", name: "set")

    /// Every global a pickle may name; any other is an error.
    public static let allowed: Set<PickleGlobal> = [
        numpyReconstruct, numpy2Reconstruct, ndarray, dtype, csrMatrix, csrMatrixPrivate,
        defaultdict, copyRegReconstructor, copyregReconstructor, codecsEncode,
        builtinObject, builtinList, builtinDict, builtinSet,
        builtinsObject, builtinsList, builtinsDict, builtinsSet,
    ]

    var isReconstruct: Bool { self == .numpyReconstruct || self == .numpy2Reconstruct }
    var isCSR: Bool { self == .csrMatrix || self == .csrMatrixPrivate }
    var isCopyRegReconstructor: Bool { self == .copyRegReconstructor || self == .copyregReconstructor }
}
