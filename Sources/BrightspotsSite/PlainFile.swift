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
        var failure: POSIXError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = posixError()
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = posixError() }
        if let failure { throw failure }
    }

    private static func posixError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
