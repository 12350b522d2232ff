import Foundation
import FuzzDriver
import GraphData

/// Feeds the SMILES parser and molecule perception on arbitrary UTF-8: any input must give a value or a DataError, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    if let s = String(validating: bytes, as: UTF8.self) { _ = try? MoleculeGraph.graph(smiles: s) }
    return 0
}

@_cdecl("FuzzSmiles_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
