import FuzzSupport
import GraphIO

/// libFuzzer entry point: reads the input as N-Quads (see ReaderFuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNQuads(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ReaderFuzzing.run(.nquads, data, size)
}
