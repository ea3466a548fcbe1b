import FuzzSupport

/// libFuzzer setup: loads Ontology/ once, before the first input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    ExtractionFuzzing.initialize()
    return 0
}

/// libFuzzer entry point: extracts the input as one text document (see ExtractionFuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtract(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ExtractionFuzzing.run(data, size)
}
