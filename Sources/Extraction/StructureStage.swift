import OntologyModel
import TextAnnotation

/// Splits a document into line-based sections: title, headings, `- Key: value` lines, list items,
/// questions, hashtag lines, paragraphs, and page boilerplate (which later stages skip).
public struct StructureStage: Stage {
    public let name = "structure"
    public let requires: Set<AnnotationLayer> = []
    public let assigns: Set<AnnotationLayer> = [.structure]

    public init() {}

    public func run(_ document: inout AnnotatedDocument, in context: StageContext) throws(StageError) {
        let rules = context.rules
        let scalars = document.document.scalars
        var lineStart = 0
        var sawContent = false
        var sections: [Section] = []
        for index in 0...scalars.count where index == scalars.count || scalars[index] == "\n" {
            let range = trimmed(scalars, lineStart, index)
            lineStart = index + 1
            guard range.length > 0 else { continue }
            let section = classify(scalars, range, isFirst: !sawContent, rules: rules)
            sawContent = true
            if section.kind == .paragraph || section.kind == .question, let clauses = inlineKeyClauses(scalars, range) {
                sections += clauses
            } else {
                sections.append(section)
            }
        }
        document.sections = sections
    }

    func trimmed(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> TextRange {
        var lower = start, upper = end
        while lower < upper, scalars[lower].isWhiteSpaceFast { lower += 1 }
        while upper > lower, scalars[upper - 1].isWhiteSpaceFast { upper -= 1 }
        return TextRange(lower, upper)
    }

    func classify(_ scalars: [Unicode.Scalar], _ range: TextRange, isFirst: Bool, rules: ExtractionRules) -> Section {
        let line = scalars[range.lowerBound..<range.upperBound]
        let text = Document.string(line)
        if isBoilerplate(text, rules: rules) { return Section(kind: .boilerplate, range: range) }
        // `= Title =` and `== Heading ==` (wiki markup): the inside is the name.
        if line.first == "=", line.last == "=" {
            var lower = range.lowerBound, upper = range.upperBound
            var depth = 0
            while lower < upper, scalars[lower] == "=" { lower += 1; depth += 1 }
            while upper > lower, scalars[upper - 1] == "=" { upper -= 1 }
            let inner = trimmed(scalars, lower, upper)
            return Section(kind: depth == 1 ? .title : .heading, range: inner)
        }
        if line.first == "#", line.allSatisfy({ $0 != "." }) {
            let words = text.split(separator: " ")
            if words.allSatisfy({ $0.hasPrefix("#") }) { return Section(kind: .hashtags, range: range) }
        }
        if let bullet = bulletContentStart(line, from: range.lowerBound) {
            let content = trimmed(scalars, bullet, range.upperBound)
            if let colon = keyColon(scalars, content) {
                let key = trimmed(scalars, content.lowerBound, colon)
                let value = trimmed(scalars, colon + 1, content.upperBound)
                if key.length > 0, key.length <= 40, value.length > 0 {
                    return Section(kind: .keyValue, range: content, key: key, value: value)
                }
            }
            return Section(kind: .listItem, range: content)
        }
        if line.last == "?" { return Section(kind: .question, range: range) }
        let hasSentenceEnd = line.contains { $0 == "." || $0 == "!" || $0 == "?" || $0 == ";" }
        let wordCount = Self.spaceSeparatedWordCount(line, text: text)
        if isFirst, !hasSentenceEnd, wordCount <= 16 { return Section(kind: .title, range: range) }
        if !hasSentenceEnd, wordCount <= 6 { return Section(kind: .heading, range: range) }
        return Section(kind: .paragraph, range: range)
    }

    /// `text.split(separator: " ").count` for the line's scalars, counted without making the
    /// words: runs of scalars other than U+0020. A space next to a non-ASCII scalar may be part of
    /// a larger character (a combining mark after it), so such a line takes the `split` way.
    static func spaceSeparatedWordCount(_ line: ArraySlice<Unicode.Scalar>, text: String) -> Int {
        var count = 0
        var inWord = false
        var previous: Unicode.Scalar = "a"
        for scalar in line {
            if scalar == " " {
                if !previous.isASCII { return text.split(separator: " ").count }
                inWord = false
            } else {
                if previous == " ", !scalar.isASCII { return text.split(separator: " ").count }
                if !inWord { count += 1 }
                inWord = true
            }
            previous = scalar
        }
        return count
    }

    /// FAQ answers and summaries pack `Key: a; b; c; Other key: d` into one line. When a line holds
    /// two or more such clauses, each becomes a key-value section whose value runs to the next key;
    /// the text before the first key (often the question) keeps its own kind. Nil for ordinary prose.
    func inlineKeyClauses(_ scalars: [Unicode.Scalar], _ range: TextRange) -> [Section]? {
        var starts: [Int] = [range.lowerBound]
        var depth = 0
        for index in range.lowerBound..<range.upperBound {
            let scalar = scalars[index]
            if scalar == "(" { depth += 1 } else if scalar == ")" { depth = max(0, depth - 1) }
            guard depth == 0, index + 1 < range.upperBound, scalars[index + 1].isWhiteSpaceFast else { continue }
            if scalar == ";" || scalar == "?" || scalar == "." || scalar == ":" {
                var next = index + 1
                while next < range.upperBound, scalars[next].isWhiteSpaceFast { next += 1 }
                if next < range.upperBound { starts.append(next) }
            }
        }
        var clauses: [(start: Int, key: TextRange, valueStart: Int)] = []
        for start in starts {
            guard let colon = inlineKeyColon(scalars, from: start, limit: range.upperBound) else { continue }
            var valueStart = colon + 1
            while valueStart < range.upperBound, scalars[valueStart].isWhiteSpaceFast { valueStart += 1 }
            clauses.append((start, TextRange(start, colon), valueStart))
        }
        guard clauses.count >= 2, let first = clauses.first else { return nil }
        var sections: [Section] = []
        let prefix = trimmedClause(scalars, range.lowerBound, first.start)
        if prefix.length > 0 {
            let kind: SectionKind = scalars[prefix.upperBound - 1] == "?" ? .question : .paragraph
            sections.append(Section(kind: kind, range: prefix))
        }
        for (position, clause) in clauses.enumerated() {
            let end = position + 1 < clauses.count ? clauses[position + 1].start : range.upperBound
            let content = trimmedClause(scalars, clause.start, end)
            var value = trimmedClause(scalars, min(clause.valueStart, end), end)
            if value.length > 0, scalars[value.upperBound - 1] == "." { value = trimmed(scalars, value.lowerBound, value.upperBound - 1) }
            if value.length == 0 {
                // A key directly followed by another key is a heading over them.
                sections.append(Section(kind: .heading, range: content))
            } else {
                sections.append(Section(kind: .keyValue, range: content, key: clause.key, value: value))
            }
        }
        return sections
    }

    /// The colon ending a short key (one to five words of letters, digits, hyphens or slashes)
    /// that starts at `start` and is followed by white space.
    func inlineKeyColon(_ scalars: [Unicode.Scalar], from start: Int, limit: Int) -> Int? {
        guard start < limit, scalars[start].isAlphabeticFast else { return nil }
        var words = 1
        var index = start
        while index < limit, index - start <= 40 {
            let scalar = scalars[index]
            if scalar == ":" {
                guard index + 1 < limit, scalars[index + 1].isWhiteSpaceFast else { return nil }
                return index
            }
            if scalar == " " {
                words += 1
                if words > 5 { return nil }
            } else if !(WordTokenizer.isWordScalar(scalar) || scalar == "-" || scalar == "/") {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// A clause without surrounding white space and the `;` that ends it.
    func trimmedClause(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> TextRange {
        var range = trimmed(scalars, start, end)
        while range.length > 0, scalars[range.upperBound - 1] == ";" {
            range = trimmed(scalars, range.lowerBound, range.upperBound - 1)
        }
        return range
    }

    func bulletContentStart(_ line: ArraySlice<Unicode.Scalar>, from start: Int) -> Int? {
        guard let first = line.first, first == "-" || first == "*" || first == "\u{2022}" else { return nil }
        let next = line.index(after: line.startIndex)
        guard next < line.endIndex, line[next] == " " else { return nil }
        return start + 2
    }

    /// The colon of `Key: value`, when the key is short and has no sentence punctuation.
    func keyColon(_ scalars: [Unicode.Scalar], _ range: TextRange) -> Int? {
        for index in range.lowerBound..<range.upperBound {
            let scalar = scalars[index]
            if scalar == ":" { return index }
            if scalar == "." || scalar == "," || scalar == ";" { return nil }
        }
        return nil
    }

    func isBoilerplate(_ text: String, rules: ExtractionRules) -> Bool {
        // Most lines share no opening with any pattern: test that before lower-casing the line.
        let candidates = rules.boilerplate.filter { $0.mayMatch(text) }
        guard !candidates.isEmpty else { return false }
        var folded = text.lowercased()
        return folded.withUTF8 { bytes in candidates.contains { $0.matches(bytes) } }
    }

    /// Whole-string match with `*` as any run of characters.
    static func matches(_ text: String, pattern: String) -> Bool {
        var text = text
        return text.withUTF8 { BoilerplatePattern(pattern).matches($0) }
    }
}

/// A boilerplate line pattern, split at its `*`s once, matched over UTF-8 bytes.
public struct BoilerplatePattern: Hashable, Sendable {
    /// The literal parts between `*`s; one part means no `*`.
    let parts: [[UInt8]]

    public init(_ pattern: String) {
        parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) }
    }

    /// False only when `text` certainly does not match: its ASCII opening, lower-cased, differs
    /// from the pattern's literal opening (any non-ASCII byte there leaves the answer to `matches`).
    func mayMatch(_ text: String) -> Bool {
        guard let first = parts.first, !first.isEmpty else { return true }
        var index = 0
        for byte in text.utf8 {
            guard index < first.count else { return true }
            if byte >= 0x80 { return true }
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if lowered != first[index] { return false }
            index += 1
        }
        return index >= first.count
    }

    /// Whether the whole of `text` matches.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = parts.first else { return text.isEmpty }
        guard parts.count > 1 else { return text.elementsEqual(first) }
        guard text.count >= first.count, text.prefix(first.count).elementsEqual(first) else { return false }
        var position = first.count
        for (index, part) in parts.enumerated().dropFirst() {
            if index == parts.count - 1 {
                return part.isEmpty || (text.count - position >= part.count && text.suffix(part.count).elementsEqual(part))
            }
            guard !part.isEmpty else { continue }
            guard let found = Self.find(part, in: text, from: position) else { return false }
            position = found + part.count
        }
        return true
    }

    static func find(_ part: [UInt8], in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard part.count <= text.count - start else { return nil }
        var index = start
        while index + part.count <= text.count {
            if text[index] == part[0], text[index..<(index + part.count)].elementsEqual(part) { return index }
            index += 1
        }
        return nil
    }
}
