import Foundation
import FuzzDriver
import GraphData

/// Feeds the .npz reader (ZIP container, stored and deflated members, .npy members) on arbitrary bytes: any input must give a value or a DataError, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    _ = try? readNpz(data: Data(bytes), name: "fuzz.npz")
    return 0
}

@_cdecl("FuzzNpz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
