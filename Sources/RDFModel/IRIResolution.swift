/// RFC 3986 reference resolution (section 5.2), working on IRI strings.
public enum IRIResolver {
    struct Components {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?
    }

    static func parse(_ reference: String) -> Components {
        var rest = Substring(reference)
        var components = Components(path: "")
        if let hash = rest.firstIndex(of: "#") {
            components.fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            components.query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), isScheme(rest[..<colon]) {
            components.scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            components.authority = String(rest[..<end])
            rest = rest[end...]
        }
        components.path = String(rest)
        return components
    }

    static func isScheme(_ candidate: Substring) -> Bool {
        guard let first = candidate.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return candidate.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "."
        }
    }

    /// Whether the string starts with a scheme (is an absolute IRI reference).
    public static func isAbsolute(_ reference: String) -> Bool {
        var reference = reference
        return reference.withUTF8 { isAbsolute(utf8: $0) }
    }

    /// `isAbsolute` on UTF-8 bytes, without building strings: a valid scheme followed by `:`,
    /// before any `?` or `#` (a colon after those is part of the query or fragment).
    public static func isAbsolute(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: ":"): return offset > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if offset == 0 { return false }
            default: return false
            }
        }
        return false
    }

    /// Resolves `reference` against `base` (which should be absolute).
    public static func resolve(_ reference: String, against base: String) -> String {
        let r = parse(reference)
        let b = parse(base)
        var t = Components(path: "")
        if r.scheme != nil {
            t.scheme = r.scheme
            t.authority = r.authority
            t.path = removeDotSegments(r.path)
            t.query = r.query
        } else {
            if r.authority != nil {
                t.authority = r.authority
                t.path = removeDotSegments(r.path)
                t.query = r.query
            } else {
                if r.path.isEmpty {
                    t.path = b.path
                    t.query = r.query ?? b.query
                } else {
                    if r.path.hasPrefix("/") {
                        t.path = removeDotSegments(r.path)
                    } else {
                        t.path = removeDotSegments(merge(base: b, path: r.path))
                    }
                    t.query = r.query
                }
                t.authority = b.authority
            }
            t.scheme = b.scheme
        }
        t.fragment = r.fragment
        return recompose(t)
    }

    static func merge(base: Components, path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        if let slash = base.path.lastIndex(of: "/") {
            return String(base.path[...slash]) + path
        }
        return path
    }

    /// RFC 3986 section 5.2.4.
    public static func removeDotSegments(_ path: String) -> String {
        var input = Substring(path)
        var result = ""
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                removeLastSegment(&result)
            } else if input == "/.." {
                input = "/"
                removeLastSegment(&result)
            } else if input == "." || input == ".." {
                input = ""
            } else {
                let searchFrom = input.first == "/" ? input.index(after: input.startIndex) : input.startIndex
                let end = input[searchFrom...].firstIndex(of: "/") ?? input.endIndex
                result += input[..<end]
                input = input[end...]
            }
        }
        return result
    }

    static func removeLastSegment(_ path: inout String) {
        if let slash = path.lastIndex(of: "/") {
            path = String(path[..<slash])
        } else {
            path = ""
        }
    }

    static func recompose(_ c: Components) -> String {
        var out = ""
        if let scheme = c.scheme { out += scheme + ":" }
        if let authority = c.authority { out += "//" + authority }
        out += c.path
        if let query = c.query { out += "?" + query }
        if let fragment = c.fragment { out += "#" + fragment }
        return out
    }
}
