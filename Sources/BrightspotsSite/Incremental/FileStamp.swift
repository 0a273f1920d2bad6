import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a file: enough to tell that it has not changed since it was last read without reading it
/// (as make, git and Hugo do). An edit that keeps the size and the nanosecond modification time is not noticed;
/// `build --clean` reads everything.
public struct FileStamp: Hashable, Sendable, Codable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: Int64  // nanoseconds since 1970

    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modified: modified)
    }

    /// The stamp as a digest, for inputs made from a file nobody reads to build them (a static file, the program).
    var fingerprint: Fingerprint { Fingerprint.of("\(device) \(inode) \(size) \(modified)") }
}

/// A folder's identity (device, inode and the time its own entries last changed): survives renames, so the cache
/// can tell which of the two site folders sits at the output path after a swap, and that nobody replaced either
/// behind its back (a new folder may reuse a deleted one's inode, but not its modification time).
public struct FolderIdentity: Hashable, Sendable, Codable {
    public var device: UInt64
    public var inode: UInt64
    public var modified: Int64

    public static func of(_ url: URL) -> FolderIdentity? {
        var info = stat()
        guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), modified: modified)
    }
}
