import FuzzSupport
import GraphIO

/// libFuzzer entry point: reads the input as Turtle (see ReaderFuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTurtle(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ReaderFuzzing.run(.turtle, data, size)
}
