internal import CLibXML2

/// libxml2's one-time global initialisation. Its first-use initialisation is not safe when several threads
/// start parsers at once, so every entry point touches this (Swift runs a static initialiser exactly once).
enum LibXML2Setup {
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()
}
