// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "kg",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kg", targets: ["kg"]),
        // The library modules, for the fuzz targets in Fuzz/ (a package of its own that depends on this one).
        .library(
            name: "KGLibraries",
            targets: ["RDFModel", "TurtleSyntax", "RDFXMLSyntax", "GraphIO", "OntologyModel", "TextAnnotation",
                      "Extraction", "GraphAssembly", "TextDecoding"]
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "RDFModel"),
        .target(name: "TurtleSyntax", dependencies: ["RDFModel"]),
        .target(name: "RDFXMLSyntax", dependencies: ["RDFModel", "CLibXML2"]),
        .target(name: "JSONLDSyntax", dependencies: ["RDFModel"]),
        .target(name: "GraphIO", dependencies: ["RDFModel", "TurtleSyntax", "RDFXMLSyntax", "JSONLDSyntax"]),
        .target(name: "GraphDiff", dependencies: ["RDFModel"]),
        .target(name: "OntologyModel", dependencies: ["RDFModel", "TurtleSyntax"]),
        .target(name: "TextAnnotation", dependencies: ["RDFModel"]),
        .target(name: "Extraction", dependencies: ["TextAnnotation", "OntologyModel"]),
        .target(name: "GraphAssembly", dependencies: ["TextAnnotation", "OntologyModel", "RDFModel"]),
        .target(name: "TripleStore", dependencies: ["GraphIO"]),
        .target(name: "Evaluation", dependencies: ["RDFModel", "TextAnnotation"]),
        .target(name: "TextDecoding"),
        .target(name: "ShapeValidation", dependencies: ["RDFModel"]),
        .target(name: "DocumentResults", dependencies: ["TextAnnotation", "RDFModel"]),
        .target(name: "Report", dependencies: ["RDFModel", "Evaluation"]),
        .executableTarget(
            name: "kg",
            dependencies: [
                "RDFModel", "GraphIO", "GraphDiff", "OntologyModel", "TextAnnotation",
                "Extraction", "GraphAssembly", "TripleStore", "Evaluation", "TextDecoding", "ShapeValidation", "DocumentResults", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["RDFModel", "TurtleSyntax"], path: "Tests/TestSupport"),
        .testTarget(name: "RDFModelTests", dependencies: ["RDFModel"]),
        .testTarget(name: "TurtleSyntaxTests", dependencies: ["TurtleSyntax", "RDFModel", "TestSupport"]),
        .testTarget(name: "RDFXMLSyntaxTests", dependencies: ["RDFXMLSyntax", "GraphIO", "RDFModel", "TestSupport"]),
        .testTarget(name: "GraphDiffTests", dependencies: ["GraphDiff", "GraphIO", "RDFModel", "TestSupport"]),
        .testTarget(name: "ConformanceTests", dependencies: ["kg", "GraphIO", "RDFModel", "TestSupport"]),
        .testTarget(name: "OntologyModelTests", dependencies: ["OntologyModel"]),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "TextAnnotation", "OntologyModel"]),
        .testTarget(name: "GraphAssemblyTests", dependencies: ["GraphAssembly", "Extraction", "RDFModel", "GraphIO"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "GraphAssembly", "Extraction", "RDFModel"]),
        .testTarget(name: "TripleStoreTests", dependencies: ["TripleStore", "GraphIO", "kg", "TestSupport"]),
        .testTarget(name: "TextDecodingTests", dependencies: ["TextDecoding"]),
        .testTarget(name: "ShapeValidationTests", dependencies: ["ShapeValidation", "GraphIO", "RDFModel", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "DocumentResultsTests", dependencies: ["DocumentResults", "Extraction", "TextAnnotation", "RDFModel"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Evaluation", "RDFModel", "TurtleSyntax"]),
        .testTarget(name: "CLITests", dependencies: ["kg", "GraphIO", "RDFModel", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
