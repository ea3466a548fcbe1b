// swift-tools-version: 6.0
// libFuzzer targets for kg's readers and for extraction. A package of its own, so the main package's
// build and tests stay as they are; build and run it with Scripts/fuzz.sh (Linux, swift.org toolchain).
import PackageDescription

let readers = ["Turtle", "TriG", "NTriples", "NQuads", "RDFXML"]
let fuzzers = readers + ["Extract"]

let package = Package(
    name: "kg-fuzz",
    // The fuzzer names Scripts/fuzz.sh takes: fuzz-turtle, fuzz-trig, fuzz-ntriples, fuzz-nquads, fuzz-rdfxml, fuzz-extract.
    products: fuzzers.map { .executable(name: "fuzz-\($0.lowercased())", targets: ["Fuzz\($0)"]) },
    dependencies: [
        .package(name: "kg", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "KGLibraries", package: "kg")]),
    ] + fuzzers.map {
        .executableTarget(name: "Fuzz\($0)", dependencies: ["FuzzSupport", .product(name: "KGLibraries", package: "kg")])
    },
    swiftLanguageModes: [.v6]
)
