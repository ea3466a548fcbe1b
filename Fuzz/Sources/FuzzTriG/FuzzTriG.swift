import FuzzSupport
import GraphIO

/// libFuzzer entry point: reads the input as TriG (see ReaderFuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTriG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ReaderFuzzing.run(.trig, data, size)
}
