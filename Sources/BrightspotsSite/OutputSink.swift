import Foundation
import Synchronization

/// Where a build writes: a folder on disk, or memory for tests. Paths are relative, with "/" separators.
public protocol OutputSink: Sendable {
    func write(_ path: String, contents: Data) throws
}

/// Writes into a folder, creating sub-folders as needed.
public struct FolderSink: OutputSink {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public func write(_ path: String, contents: Data) throws {
        try PlainFile.write(contents, to: folder.appendingPathComponent(path).path)
    }
}

/// Keeps written files in memory: `files["tags/index.html"]`.
public final class MemorySink: OutputSink {
    private let storage = Mutex<[String: Data]>([:])

    public init() {}

    public func write(_ path: String, contents: Data) throws {
        storage.withLock { $0[path] = contents }
    }

    public var files: [String: Data] { storage.withLock { $0 } }

    public func text(_ path: String) -> String? {
        storage.withLock { $0[path] }.map { String(decoding: $0, as: UTF8.self) }
    }
}
