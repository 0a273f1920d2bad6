import Foundation

/// Runs the built `brightspots` binary as a user would, capturing its output.
enum Binary {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary beside the test bundle (both are products of the same build).
    static var url: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("brightspots")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/brightspots")
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = start(arguments, in: directory)
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                      error: String(decoding: errData, as: UTF8.self))
    }

    static func start(_ arguments: [String], in directory: URL? = nil) -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        return process
    }
}

/// A scratch project folder: a copy of the repository's Content/ and Themes/.
struct ScratchProject {
    let root: URL

    /// A project folder that exists already (a restored backup, say).
    init(existing root: URL) {
        self.root = root
    }

    /// Made inside `parent`: the system's temporary folder unless given.
    init(copyContent: Bool = true, parent: URL = FileManager.default.temporaryDirectory) throws {
        root = parent.appendingPathComponent("brightspots-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyContent {
            for folder in ["Content", "Themes"] {
                try FileManager.default.copyItem(at: Binary.repositoryRoot.appendingPathComponent(folder),
                                                 to: root.appendingPathComponent(folder))
            }
        }
    }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(relative).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
