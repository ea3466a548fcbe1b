import Dispatch
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

/// One updating progress line on standard error (documents done/total, MiB/s, elapsed, ETA),
/// shown only on a terminal, never with --quiet, and only for runs worth watching.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let totalBytes: Int
    private let label: String
    private let enabled: Bool
    private var done = 0
    private var doneBytes = 0
    private var lastDrawn: UInt64 = 0
    private let started = DispatchTime.now().uptimeNanoseconds
    private let lock = NSLock()

    init(total: Int, totalBytes: Int = 0, label: String, quiet: Bool = false) {
        self.total = total
        self.totalBytes = totalBytes
        self.label = label
        enabled = !quiet && Diagnostics.standardErrorIsTerminal && total >= 20
    }

    /// One more document done, of `bytes` bytes.
    func advance(bytes: Int = 0) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        doneBytes += bytes
        let now = DispatchTime.now().uptimeNanoseconds
        // Redrawn at most ten times a second, and always at the end.
        guard done == total || now - lastDrawn >= 100_000_000 else { return }
        lastDrawn = now
        let elapsed = Double(now - started) / 1e9
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        var line = "\r\(label) [\(bar)] \(done)/\(total)"
        if elapsed > 0, doneBytes > 0 {
            line += String(format: "  %.2f MiB/s", Double(doneBytes) / 1_048_576 / elapsed)
        }
        line += "  " + Self.clock(elapsed)
        if done < total, done > 0 {
            let remaining = totalBytes > 0 && doneBytes > 0
                ? elapsed * Double(totalBytes - doneBytes) / Double(doneBytes)
                : elapsed * Double(total - done) / Double(done)
            line += " elapsed, ETA " + Self.clock(remaining) + "   "
        } else {
            line += " elapsed          \n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60) : String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
