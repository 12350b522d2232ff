import Foundation
import FuzzDriver
import GraphData

/// Feeds the unpickler arbitrary bytes, then every decoder the Planetoid and
/// Peptides-func readers apply to what it returns (numpy array, scipy CSR, dict of
/// lists): any input must give a value or a DataError, never a trap, and nothing in a
/// pickle is ever executed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    guard let value = try? Unpickler.load(bytes, file: "fuzz.pkl") else { return 0 }
    _ = try? PickledArray(value).floats()
    _ = try? PickledArray(value).ints()
    _ = try? FeatureMatrix(pickled: value)
    _ = try? value.intListDict()
    return 0
}

@_cdecl("FuzzPickle_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
