import Foundation

/// Reads the one number a `SELECT (COUNT(*) AS ?n)` query answers, from SPARQL JSON results.
enum SPARQLResults {
    static func singleInteger(_ body: [UInt8], variable: String, url: String) throws(TripleStoreError) -> Int {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw .badResponse(url: url, reason: "not SPARQL JSON results: \(TripleStoreError.trimmed(String(decoding: body.prefix(200), as: UTF8.self)))")
        }
        guard let root = json as? [String: Any], let results = root["results"] as? [String: Any],
              let bindings = results["bindings"] as? [[String: Any]], let first = bindings.first,
              let binding = first[variable] as? [String: Any], let value = binding["value"] as? String
        else { throw .badResponse(url: url, reason: "no binding for ?\(variable) in the results") }
        guard let number = Int(value.trimmingCharacters(in: .whitespaces)) else {
            throw .badResponse(url: url, reason: "?\(variable) is '\(value)', not an integer")
        }
        return number
    }
}
