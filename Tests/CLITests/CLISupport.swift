import Foundation
import TestSupport

/// The CLI tests' short names for the shared program runner.
enum CLI {
    static let packageRoot = ExternalTool.packageRoot

    static func run(_ arguments: [String]) throws -> ExternalTool.Run { try ExternalTool.kg(arguments) }

    static func temporaryDirectory() throws -> URL { try ExternalTool.temporaryDirectory("kg-cli") }

    static func which(_ tool: String) -> String? { ExternalTool.path(tool) }

    static func external(_ path: String, _ arguments: [String], environment: [String: String?] = [:]) throws -> ExternalTool.Run {
        try ExternalTool.run(path, arguments, environment: environment)
    }
}
