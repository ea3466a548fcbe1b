import FuzzSupport
import GraphIO

/// libFuzzer entry point: reads the input as RDF/XML (see ReaderFuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRDFXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ReaderFuzzing.run(.rdfxml, data, size)
}
