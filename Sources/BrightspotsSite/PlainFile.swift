import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a build's output files with a bare `open`/`write`/`close`, creating the folders above a file only when
/// opening it says they are missing: a site has one folder per page, and asking for each folder before each file
/// (as `FileManager.createDirectory` and `Data.write` do) cost more than writing the file.
enum PlainFile {
    /// Creates or truncates `path` and writes `bytes` to it. Errors are `POSIXError`s (ENOSPC for a full disk).
    static func write(_ bytes: Data, to path: String) throws {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if descriptor < 0 && errno == ENOENT {
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        }
        guard descriptor >= 0 else { throw posixError() }
        var failure = writeAll(bytes, to: descriptor)
        if close(descriptor) != 0 && failure == nil { failure = posixError() }
        if let failure { throw failure }
    }

    /// Writes `bytes` over the regular file at `path` when no other name links to it, keeping its inode: true
    /// when written. False (nothing changed) when there is no such file, it is shared through a hard link, or it
    /// is something else (a folder, a symbolic link).
    static func overwriteIfAlone(_ bytes: Data, at path: String) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
            close(descriptor)
            return false
        }
        var failure = writeAll(bytes, to: descriptor)
        if failure == nil && ftruncate(descriptor, off_t(bytes.count)) != 0 { failure = posixError() }
        if close(descriptor) != 0 && failure == nil { failure = posixError() }
        if let failure { throw failure }
        return true
    }

    /// The bytes of the file at `path`, read with a bare `open`/`read`/`close`; nil when it cannot be opened or read
    /// (missing, a folder, no permission). `FileManager.contents(atPath:)` and the `URL` each entry's path was
    /// made through were half of reading ten thousand entry files.
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            // One byte more than the size, so that a file that grew is read to its end.
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if read == 0 { break }
            count += read
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    private static func writeAll(_ bytes: Data, to descriptor: Int32) -> POSIXError? {
        bytes.withUnsafeBytes { buffer -> POSIXError? in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return posixError()
                }
                offset += written
            }
            return nil
        }
    }

    private static func posixError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
