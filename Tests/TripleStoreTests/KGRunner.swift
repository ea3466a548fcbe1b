import Foundation
import TestSupport

/// Runs the built `kg` without any password from the developer's environment.
enum KG {
    static let packageRoot = ExternalTool.packageRoot

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ExternalTool.Run {
        var changes: [String: String?] = ["KG_STORE_PASSWORD": nil]
        for (name, value) in environment { changes[name] = value }
        return try ExternalTool.kg(arguments, environment: changes)
    }
}
