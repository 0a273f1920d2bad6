import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Whether an error comes down to a full disk (ENOSPC, Foundation's out-of-space code, SQLite's SQLITE_FULL),
/// however it was wrapped: the publisher then tells the moderator to free space rather than showing a bare errno.
public enum OutOfSpace {
    public static func isCause(of error: any Error) -> Bool {
        if let write = error as? WriteError { return write.diskFull }
        if let posix = error as? POSIXError, posix.code == .ENOSPC || posix.code == .EDQUOT { return true }
        if let cocoa = error as? CocoaError, cocoa.code == .fileWriteOutOfSpace { return true }
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_FULL { return true }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain, nsError.code == Int(ENOSPC) { return true }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileWriteOutOfSpace.rawValue { return true }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error, isCause(of: underlying) { return true }
        // Errors carried as text (`WriteError`, `AtomicFile.WriteFailure`) keep strerror's words.
        return "\(error)".contains(String(cString: strerror(ENOSPC)))
    }
}
