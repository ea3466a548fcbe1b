import RDFModel

/// Text forms of a `GraphDifference` for the command line: pure functions, the caller prints.
public enum DiffRendering {
    /// One line per change, `- <s> <p> <o> .` or `+ <s> <p> <o> .`, each ending in LF, ordered by the
    /// statement text (so a changed value shows as `-` and `+` side by side); empty when no difference.
    public static func unified(_ difference: GraphDifference) -> String {
        var out = ""
        var removed = 0, added = 0
        let removedLines = difference.removedLines, addedLines = difference.addedLines
        while removed < removedLines.count || added < addedLines.count {
            let takeRemoved = added >= addedLines.count
                || (removed < removedLines.count && !CodePointOrder.less(addedLines[added], removedLines[removed]))
            if takeRemoved {
                out += "- " + removedLines[removed] + "\n"
                removed += 1
            } else {
                out += "+ " + addedLines[added] + "\n"
                added += 1
            }
        }
        return out
    }

    /// A `--stat` summary: totals, then counts per predicate and per class of the subject.
    public static func stat(_ difference: GraphDifference) -> String {
        let statistics = DiffStatistics(difference)
        var out = "\(statistics.removed) removed, \(statistics.added) added\n"
        func table(_ title: String, _ rows: [DiffStatistics.Row]) {
            guard !rows.isEmpty else { return }
            out += title + ":\n"
            let removedWidth = rows.map { String($0.removed).count }.max() ?? 1
            let addedWidth = rows.map { String($0.added).count }.max() ?? 1
            for row in rows {
                let removed = String(row.removed), added = String(row.added)
                out += "  -" + String(repeating: " ", count: removedWidth - removed.count) + removed
                out += " +" + String(repeating: " ", count: addedWidth - added.count) + added
                out += "  " + row.key + "\n"
            }
        }
        table("predicates", statistics.predicates)
        table("classes", statistics.classes)
        return out
    }

    /// `{"removed":[…],"added":[…],"stat":{…}}` with a fixed key order and one array item per line,
    /// ending in LF. Keys of the `predicates` and `classes` objects are sorted by code point.
    public static func json(_ difference: GraphDifference) -> String {
        let statistics = DiffStatistics(difference)
        var out = "{\n"
        func array(_ name: String, _ lines: [String]) {
            out += "  " + quoted(name) + ": ["
            if lines.isEmpty {
                out += "],\n"
                return
            }
            out += "\n"
            for (index, line) in lines.enumerated() {
                out += "    " + quoted(line) + (index + 1 < lines.count ? ",\n" : "\n")
            }
            out += "  ],\n"
        }
        func object(_ name: String, _ rows: [DiffStatistics.Row], last: Bool) {
            out += "    " + quoted(name) + ": {"
            for (index, row) in rows.enumerated() {
                out += "\n      " + quoted(row.key) + ": {\"removed\": \(row.removed), \"added\": \(row.added)}"
                if index + 1 < rows.count { out += "," }
            }
            out += rows.isEmpty ? "}" : "\n    }"
            out += last ? "\n" : ",\n"
        }
        array("removed", difference.removedLines)
        array("added", difference.addedLines)
        out += "  \"stat\": {\n"
        out += "    \"removed\": \(statistics.removed),\n"
        out += "    \"added\": \(statistics.added),\n"
        object("predicates", statistics.predicates, last: false)
        object("classes", statistics.classes, last: true)
        out += "  }\n}\n"
        return out
    }

    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
