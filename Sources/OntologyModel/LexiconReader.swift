import Foundation

/// Reads lexicon TSV files: `label<TAB>altLabels(|-separated)<TAB>wikidata<TAB>extra`, with a header line.
public enum LexiconReader {
    /// Entries of one file; the class is the file name without extension.
    ///
    /// Lines are split on `\n`, columns on tabs, alternative labels on `|`, extras on `;` and `=`,
    /// and each column is trimmed of spaces and tabs. Blank lines, `#` comment lines and lines
    /// without a label are skipped; so is a first line starting `label<TAB>` (the header).
    public static func entries(fromTSV text: String, entityClass: String) -> [LexiconEntry] {
        var contiguous = text
        return contiguous.withUTF8 { bytes in
            // A carriage return and line feed are one character, which the line split does not take
            // for a line end; such files take the character-based path.
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x0D { return characterEntries(fromTSV: text, entityClass: entityClass) }
                index += 1
            }
            var result: [LexiconEntry] = []
            var number = 0
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                var isASCII = true
                // Byte literals rather than `UInt8(ascii:)`, which is a call per byte in debug builds.
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A {
                    if bytes[lineEnd] >= 0x80 { isASCII = false }
                    lineEnd += 1
                }
                if lineEnd > lineStart {
                    let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                    switch byteEntry(line, isASCII: isASCII, isFirst: number == 0, entityClass: entityClass) {
                    case .entry(let entry): result.append(entry)
                    case .skipped: break
                    case .needsCharacters:
                        let line = Substring(String(decoding: line, as: UTF8.self))
                        if let entry = characterEntry(line, isFirst: number == 0, entityClass: entityClass) { result.append(entry) }
                    }
                    number += 1
                }
                lineStart = lineEnd + 1
            }
            return result
        }
    }

    enum ByteReading {
        case entry(LexiconEntry)
        case skipped
        /// A character outside ASCII sits where characters and bytes may disagree.
        case needsCharacters
    }

    /// One line, over its bytes: the reading of `characterEntry`. In ASCII every character is one
    /// byte and the only whitespace to trim in a column is the space. Outside ASCII a character
    /// can span several scalars (a combining mark after `|` is not a `|`) and a column can end in
    /// other spaces, so a line reads over bytes only when every separator it splits on, the `#`
    /// of a comment and every trimmed column edge have ASCII on both sides.
    static func byteEntry(_ line: UnsafeBufferPointer<UInt8>, isASCII: Bool, isFirst: Bool, entityClass: String) -> ByteReading {
        let tab = UInt8(ascii: "\t"), space = UInt8(ascii: " "), bar = UInt8(ascii: "|"), semicolon = UInt8(ascii: ";")
        if isFirst && line.count >= 6 && line[0] == UInt8(ascii: "l") && line[1] == UInt8(ascii: "a") && line[2] == UInt8(ascii: "b")
            && line[3] == UInt8(ascii: "e") && line[4] == UInt8(ascii: "l") && line[5] == tab {
            return .skipped
        }
        if line.count > 0 && line[0] == UInt8(ascii: "#") {
            return isASCII || isASCIIAround(line, 0) ? .skipped : .needsCharacters
        }
        // The first four tab-separated columns, trimmed: label, alternative labels, Wikidata id, extras.
        var lowers = [0, 0, 0, 0], uppers = [0, 0, 0, 0]
        var columnCount = 0
        var start = 0
        var index = 0
        while columnCount < 4 {
            if index < line.count && line[index] != tab {
                index += 1
                continue
            }
            var lower = start, upper = index
            while lower < upper, line[lower] == space { lower += 1 }
            while upper > lower, line[upper - 1] == space { upper -= 1 }
            if !isASCII && lower < upper && (line[lower] >= 0x80 || line[upper - 1] >= 0x80) { return .needsCharacters }
            lowers[columnCount] = lower
            uppers[columnCount] = upper
            columnCount += 1
            if index == line.count { break }
            index += 1
            start = index
        }
        if !isASCII {
            var position = columnCount > 1 ? lowers[1] : 0
            while columnCount > 1 && position < uppers[1] {
                if line[position] == bar && !isASCIIAround(line, position) { return .needsCharacters }
                position += 1
            }
            position = columnCount > 3 ? lowers[3] : 0
            while columnCount > 3 && position < uppers[3] {
                let byte = line[position]
                if (byte == semicolon || byte == UInt8(ascii: "=")) && !isASCIIAround(line, position) { return .needsCharacters }
                position += 1
            }
        }
        guard uppers[0] > lowers[0] else { return .skipped }
        var alts: [String] = []
        if columnCount > 1 {
            var pieceStart = lowers[1]
            var position = lowers[1]
            while position <= uppers[1] {
                if position == uppers[1] || line[position] == bar {
                    if position > pieceStart { alts.append(string(line, pieceStart, position)) }
                    pieceStart = position + 1
                }
                position += 1
            }
        }
        let wikidata = columnCount > 2 && uppers[2] > lowers[2] ? string(line, lowers[2], uppers[2]) : nil
        var extra: [String: String] = [:]
        if columnCount > 3 {
            var pairStart = lowers[3]
            var position = lowers[3]
            while position <= uppers[3] {
                if position == uppers[3] || line[position] == semicolon {
                    if position > pairStart { addExtra(line, pairStart, position, to: &extra) }
                    pairStart = position + 1
                }
                position += 1
            }
        }
        return .entry(LexiconEntry(label: string(line, lowers[0], uppers[0]), altLabels: alts, entityClass: entityClass, wikidata: wikidata, extra: extra))
    }

    /// Whether the bytes either side of `index` (where there are any) are ASCII.
    static func isASCIIAround(_ line: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        (index == 0 || line[index - 1] < 0x80) && (index + 1 >= line.count || line[index + 1] < 0x80)
    }

    /// One `key=value` pair of the extras, as `split(separator: "=", maxSplits: 1)` reads it:
    /// leading `=`s are skipped, the key runs to the next `=`, and the value is the non-empty rest.
    static func addExtra(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to extra: inout [String: String]) {
        let equals = UInt8(ascii: "=")
        var keyStart = start
        while keyStart < end, line[keyStart] == equals { keyStart += 1 }
        var keyEnd = keyStart
        while keyEnd < end, line[keyEnd] != equals { keyEnd += 1 }
        guard keyEnd + 1 < end else { return }
        extra[string(line, keyStart, keyEnd)] = string(line, keyEnd + 1, end)
    }

    static func string(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
    }

    /// One line, over characters.
    static func characterEntry(_ line: Substring, isFirst: Bool, entityClass: String) -> LexiconEntry? {
        if isFirst && line.hasPrefix("label\t") { return nil }
        if line.hasPrefix("#") { return nil }
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let label = columns.first, !label.isEmpty else { return nil }
        let alts = columns.count > 1 ? columns[1].split(separator: "|").map(String.init).filter { !$0.isEmpty } : []
        let wikidata = columns.count > 2 && !columns[2].isEmpty ? columns[2] : nil
        var extra: [String: String] = [:]
        if columns.count > 3 {
            for pair in columns[3].split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { extra[parts[0]] = parts[1] }
            }
        }
        return LexiconEntry(label: label, altLabels: alts, entityClass: entityClass, wikidata: wikidata, extra: extra)
    }

    /// The whole file over characters.
    static func characterEntries(fromTSV text: String, entityClass: String) -> [LexiconEntry] {
        text.split(separator: "\n", omittingEmptySubsequences: true).enumerated().compactMap { number, line in
            characterEntry(line, isFirst: number == 0, entityClass: entityClass)
        }
    }
}
