import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes one file so that a reader, a crash or a full disk sees either no file or the whole file:
/// a temporary file in the same folder, written and fsynced, then renamed over the name, then the folder fsynced.
public enum AtomicFile {
    public struct WriteFailure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "could not write \(path): \(reason)" }
    }

    /// Fails if `url` exists when `replace` is false (a new entry must never overwrite another).
    public static func write(_ data: Data, to url: URL, replace: Bool = false) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp")
        func failure(_ what: String) -> WriteFailure {
            WriteFailure(path: url.path, reason: "\(what) (\(String(cString: strerror(errno))))")
        }
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file") }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        do {
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw failure("cannot write")
                    }
                    offset += written
                }
            }
            guard fsync(descriptor) == 0 else { throw failure("cannot flush to disk") }
            closed = true
            guard close(descriptor) == 0 else { throw failure("cannot close") }
            if replace {
                guard rename(temporary.path, url.path) == 0 else { throw failure("cannot rename into place") }
            } else {
                // link() fails if the name exists, so a new entry never replaces another written meanwhile.
                guard link(temporary.path, url.path) == 0 else { throw failure("cannot move into place") }
                unlink(temporary.path)
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
        let folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}
