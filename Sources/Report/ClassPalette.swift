/// Colours of classes and properties. The ontology's classes have fixed colours, so a class
/// looks the same in every report; any other class gets one from a hash of its name (never from
/// its position, which would change when another class appears).
public enum ClassPalette {
    static let fixed: [String: String] = [
        "Person": "#f4a6a6", "ResearchInstitute": "#9cc3f0", "University": "#8fd3e8", "Company": "#f6c88a",
        "GovernmentAgency": "#c6b0f0", "Association": "#e7ade0", "Biobank": "#b5dfa9", "Organization": "#c3cfdf",
        "Country": "#f0dd80", "City": "#f3c76d", "Region": "#dcdc8e", "Journal": "#d8c1a3", "Event": "#f1b3c6",
        "Award": "#f8d49e", "Program": "#9fe3cc", "CellType": "#a6e39c", "Gene": "#7fdcc0", "Biomarker": "#cbe890",
        "Disease": "#f59fbd", "Organism": "#d6c69a", "Method": "#b2b7f6", "Topic": "#f3bf9f", "Place": "#e8d79a",
    ]

    /// A light background colour for the class (CSS colour syntax).
    public static func colour(forClass name: String) -> String {
        if let colour = fixed[name] { return colour }
        return "hsl(\(hash(name) % 360), 65%, 78%)"
    }

    static let propertyColours = [
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
        "#7f7f7f", "#bcbd22", "#393b79", "#ad494a", "#637939", "#843c39", "#5254a3", "#6b6ecf",
    ]

    /// A strong colour for edges of the property; properties of one report differ as far as
    /// the palette goes (they are numbered in sorted order).
    static func colour(forPropertyAt index: Int) -> String { propertyColours[index % propertyColours.count] }

    /// FNV-1a over the UTF-8 bytes: stable across runs and platforms (unlike `Hasher`).
    static func hash(_ text: String) -> UInt32 {
        var value: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 16_777_619
        }
        return value
    }
}
