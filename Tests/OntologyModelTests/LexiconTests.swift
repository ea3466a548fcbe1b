import Testing
@testable import OntologyModel

@Suite struct LexiconTests {
    static func entry(_ label: String, _ entityClass: String, _ alternatives: [String] = []) -> LexiconEntry {
        LexiconEntry(label: label, altLabels: alternatives, entityClass: entityClass, wikidata: nil, extra: [:])
    }

    static func spans(_ lexicon: Lexicon, _ sentence: String) -> [String] {
        let tokens = WordTokenizer.words(sentence)
        return lexicon.matches(in: tokens).map { "\(tokens[$0.tokens].joined(separator: " "))=\(lexicon.entries[$0.entry].label)" }
    }

    @Test func prefersTheLongestMatch() {
        let lexicon = Lexicon(entries: [Self.entry("stem cell", "CellType"), Self.entry("Cell Stem Cell", "Journal"), Self.entry("cell", "CellType")])
        #expect(Self.spans(lexicon, "published in Cell Stem Cell about a stem cell and a cell")
            == ["Cell Stem Cell=Cell Stem Cell", "stem cell=stem cell", "cell=cell"])
    }

    @Test func commonNounsMatchInAnyCaseProperNamesOnlyAsWritten() {
        let lexicon = Lexicon(entries: [Self.entry("hepatocyte", "CellType"), Self.entry("Nature", "Journal"), Self.entry("Oct4", "Gene"), Self.entry("wet AMD", "Disease")])
        #expect(Self.spans(lexicon, "HEPATOCYTE Hepatocyte hepatocyte") == ["HEPATOCYTE=hepatocyte", "Hepatocyte=hepatocyte", "hepatocyte=hepatocyte"])
        #expect(Self.spans(lexicon, "nature Nature NATURE") == ["Nature=Nature", "NATURE=Nature"])
        #expect(Self.spans(lexicon, "Oct4 OCT4 oct4 OcT4") == ["Oct4=Oct4", "OCT4=Oct4"])
        // A sentence may capitalise a name's lower-case first word.
        #expect(Self.spans(lexicon, "Wet AMD and wet AMD but wet amd") == ["Wet AMD=wet AMD", "wet AMD=wet AMD"])
    }

    @Test func allCapitalSymbolsWithDigitsMatchTitleCase() {
        let lexicon = Lexicon(entries: [Self.entry("KLF4", "Gene"), Self.entry("MYC", "Gene")])
        #expect(Self.spans(lexicon, "Klf4 KLF4 klf4 Myc MYC") == ["Klf4=KLF4", "KLF4=KLF4", "MYC=MYC"])
    }

    @Test func commonNounsAndNamesEndingInOneMatchInThePlural() {
        let lexicon = Lexicon(entries: [
            Self.entry("stem cell", "CellType"), Self.entry("T cell", "CellType", ["NK cell"]), Self.entry("city", "Place"),
            Self.entry("key", "Topic"), Self.entry("virus", "Organism"), Self.entry("branch", "Topic"), Self.entry("Shanghai", "City"),
        ])
        #expect(Self.spans(lexicon, "stem cells T cells NK cells cities keys")
            == ["stem cells=stem cell", "T cells=T cell", "NK cells=T cell", "cities=city", "keys=key"])
        #expect(Self.spans(lexicon, "viruses branches Shanghais") == [])
        #expect(Lexicon.plural(of: "T cell") == "T cells")
        #expect(Lexicon.plural(of: "ox") == nil)
        #expect(!Lexicon.endsInCommonNoun("Shanghai"))
        #expect(!Lexicon.endsInCommonNoun("Cell Stem Cell"))
    }

    @Test func sharedSpansGiveEveryEntryInEntryOrder() {
        let lexicon = Lexicon(entries: [Self.entry("Georgia", "Country"), Self.entry("Georgia", "Region"), Self.entry("Georgia Tech", "University")])
        let found = lexicon.matches(in: ["in", "Georgia", "."])
        #expect(found.map(\.entry) == [0, 1])
        #expect(found.allSatisfy { $0.tokens == 1..<2 && $0.surfaceForm == "Georgia" })
        #expect(lexicon.matches(in: ["Georgia", "Tech"]).map(\.entry) == [2])
    }

    @Test func foldsApostrophesAndHyphens() {
        let lexicon = Lexicon(entries: [Self.entry("non-small cell lung cancer", "Disease"), Self.entry("Crohn's disease", "Disease"), Self.entry("c-Myc", "Gene")])
        #expect(Self.spans(lexicon, "Non\u{2011}small cell lung cancer") == ["Non\u{2011}small cell lung cancer=non-small cell lung cancer"])
        // Proper names keep their case, but a curly apostrophe or a hyphen variant is the same spelling.
        #expect(Self.spans(lexicon, "Crohn's disease, Crohn\u{2019}s disease, c-Myc, c\u{2010}Myc, C-MYC, crohn's disease")
            == ["Crohn ' s disease=Crohn's disease", "Crohn \u{2019} s disease=Crohn's disease", "c-Myc=c-Myc", "c\u{2010}Myc=c-Myc", "C-MYC=c-Myc"])
    }

    @Test func unknownTokensEndEveryPath() {
        let lexicon = Lexicon(entries: [Self.entry("Tianjin", "City")])
        #expect(lexicon.matches(in: ["Zzyzx", "Tianjin", "Qwerty"]).map(\.tokens) == [1..<2])
        #expect(Lexicon().matches(in: ["Tianjin"]).isEmpty)
    }

    @Test func readsTSVColumns() {
        let text = "label\taltLabels\twikidata\textra\n# a note\nShanghai \t Hu|  |Shanghai City \tQ8686\tcountry=CN;=x;k=;parent==China;;pop=1\n\n\tno label\n"
        let entries = LexiconReader.entries(fromTSV: text, entityClass: "City")
        #expect(entries == [LexiconEntry(label: "Shanghai", altLabels: ["Hu", "  ", "Shanghai City"], entityClass: "City", wikidata: "Q8686",
                                         extra: ["country": "CN", "x": "", "parent": "=China", "pop": "1"].filter { !$0.value.isEmpty })])
    }
}
