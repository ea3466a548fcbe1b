import Foundation

/// A document to read: its path on disk and its identifier (path relative to its input root).
struct InputFile: Hashable, Comparable {
    let path: String
    let identifier: String

    static func < (lhs: InputFile, rhs: InputFile) -> Bool { lhs.identifier < rhs.identifier }
}

/// Expands files and folders given on the command line into text documents.
enum InputFiles {
    enum Failure: Error, CustomStringConvertible {
        case missing(String)
        case duplicate(String)
        case empty(String)

        var description: String {
            switch self {
            case let .missing(path): "\(path): no such file or folder"
            case let .duplicate(identifier): "two inputs have the same relative path '\(identifier)'; give their common parent folder instead"
            case let .empty(path): "\(path): no .txt files in this folder"
            }
        }
    }

    /// Folders are walked recursively for `extensions`; identifiers are relative to the folder given.
    /// A file given directly is identified by its name.
    static func expand(_ arguments: [String], extensions: Set<String> = ["txt"]) throws(Failure) -> [InputFile] {
        var files: [InputFile] = []
        let manager = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else { throw .missing(argument) }
            if isDirectory.boolValue {
                let root = URL(fileURLWithPath: argument).standardizedFileURL
                var found: [InputFile] = []
                if let walker = manager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
                    for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
                        let full = url.standardizedFileURL.path
                        // A folder named like a text file is walked, not read. Links that lead nowhere (or
                        // in a loop) and other non-files stay in the list: reading them reports why.
                        var status = stat()
                        if stat(full, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
                        let relative = String(full.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                        found.append(InputFile(path: full, identifier: relative))
                    }
                }
                if found.isEmpty { throw .empty(argument) }
                files += found
            } else {
                files.append(InputFile(path: argument, identifier: URL(fileURLWithPath: argument).lastPathComponent))
            }
        }
        files.sort()
        for (previous, next) in zip(files, files.dropFirst()) where previous.identifier == next.identifier {
            throw .duplicate(next.identifier)
        }
        return files
    }
}
