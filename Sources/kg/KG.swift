import ArgumentParser

@main
struct KG: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kg",
        abstract: "Extract a knowledge graph from plain-text documents, and read, convert, compare and load RDF.",
        discussion: """
        Start with `kg extract seeds --out Output`: it reads every .txt file under seeds/, finds the \
        people, organisations, places, cell types, genes … they mention and the relations between them, \
        links them to the ontology in Ontology/, and writes the graph as Turtle, RDF/XML and N-Triples.
        """,
        subcommands: [ExtractCommand.self, ConvertCommand.self, CanonicalizeCommand.self, DiffCommand.self, EvaluateCommand.self, ReportCommand.self, LoadCommand.self, ValidateCommand.self, MergeCommand.self]
    )
}
