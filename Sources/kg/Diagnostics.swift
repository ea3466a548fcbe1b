import Foundation

/// Writing to standard error, and exit codes shared by every subcommand.
enum Diagnostics {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("kg: error: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("kg: warning: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// Exit statuses: 0 success, 1 some inputs failed or (for diff) a difference, 2 trouble.
enum ExitStatus {
    static let partialFailure: Int32 = 1
    static let trouble: Int32 = 2
}

/// A progress bar on standard error, shown only on a terminal and for runs worth watching.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private var done = 0
    private let lock = NSLock()

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        enabled = Diagnostics.standardErrorIsTerminal && total >= 20
    }

    func advance() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
