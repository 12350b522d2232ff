import Foundation
import FuzzDriver
import GraphData

/// Feeds the .npy parser (header, dtype, shape, Fortran order) on arbitrary bytes: any input must give a value or a DataError, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    _ = try? NpyArray.parse(data: Data(bytes), name: "fuzz")
    return 0
}

@_cdecl("FuzzNpy_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
