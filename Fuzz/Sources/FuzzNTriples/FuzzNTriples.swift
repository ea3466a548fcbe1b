import FuzzSupport
import GraphIO

/// libFuzzer entry point: reads the input as N-Triples (see ReaderFuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNTriples(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ReaderFuzzing.run(.ntriples, data, size)
}
