/// The pickle opcodes `Unpickler` executes (a subset of protocols 0-5: what numpy,
/// scipy and Python 2/3 `pickle` write for arrays, CSR matrices, dicts and lists).
enum PickleOpcode: UInt8 {
    case proto = 0x80, frame = 0x95, stop = 0x2E
    case mark = 0x28
    case none = 0x4E, newTrue = 0x88, newFalse = 0x89
    case binInt = 0x4A, binInt1 = 0x4B, binInt2 = 0x4D, long1 = 0x8A
    case binFloat = 0x47
    case binString = 0x54, shortBinString = 0x55
    case binUnicode = 0x58, shortBinUnicode = 0x8C
    case binBytes = 0x42, shortBinBytes = 0x43
    case emptyTuple = 0x29, tuple = 0x74, tuple1 = 0x85, tuple2 = 0x86, tuple3 = 0x87
    case emptyList = 0x5D, list = 0x6C, append = 0x61, appends = 0x65
    case emptyDict = 0x7D, dict = 0x64, setItem = 0x73, setItems = 0x75
    case global = 0x63, stackGlobal = 0x93
    case reduce = 0x52, build = 0x62, newObj = 0x81
    case binPut = 0x71, longBinPut = 0x72, memoize = 0x94
    case binGet = 0x68, longBinGet = 0x6A

    /// The name `pickletools` gives any opcode byte (supported or not), for errors.
    static func name(of byte: UInt8) -> String {
        names[byte] ?? "unknown opcode"
    }

    private static let names: [UInt8: String] = [
        0x49: "INT", 0x4A: "BININT", 0x4B: "BININT1", 0x4D: "BININT2", 0x4C: "LONG", 0x8A: "LONG1",
        0x8B: "LONG4", 0x53: "STRING", 0x54: "BINSTRING", 0x55: "SHORT_BINSTRING", 0x42: "BINBYTES",
        0x43: "SHORT_BINBYTES", 0x8E: "BINBYTES8", 0x96: "BYTEARRAY8", 0x97: "NEXT_BUFFER",
        0x98: "READONLY_BUFFER", 0x4E: "NONE", 0x88: "NEWTRUE", 0x89: "NEWFALSE", 0x56: "UNICODE",
        0x8C: "SHORT_BINUNICODE", 0x58: "BINUNICODE", 0x8D: "BINUNICODE8", 0x46: "FLOAT",
        0x47: "BINFLOAT", 0x5D: "EMPTY_LIST", 0x61: "APPEND", 0x65: "APPENDS", 0x6C: "LIST",
        0x29: "EMPTY_TUPLE", 0x74: "TUPLE", 0x85: "TUPLE1", 0x86: "TUPLE2", 0x87: "TUPLE3",
        0x7D: "EMPTY_DICT", 0x64: "DICT", 0x73: "SETITEM", 0x75: "SETITEMS", 0x8F: "EMPTY_SET",
        0x90: "ADDITEMS", 0x91: "FROZENSET", 0x30: "POP", 0x32: "DUP", 0x28: "MARK", 0x31: "POP_MARK",
        0x67: "GET", 0x68: "BINGET", 0x6A: "LONG_BINGET", 0x70: "PUT", 0x71: "BINPUT",
        0x72: "LONG_BINPUT", 0x94: "MEMOIZE", 0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4",
        0x63: "GLOBAL", 0x93: "STACK_GLOBAL", 0x52: "REDUCE", 0x62: "BUILD", 0x69: "INST",
        0x6F: "OBJ", 0x81: "NEWOBJ", 0x92: "NEWOBJ_EX", 0x80: "PROTO", 0x2E: "STOP", 0x95: "FRAME",
        0x50: "PERSID", 0x51: "BINPERSID",
    ]
}
