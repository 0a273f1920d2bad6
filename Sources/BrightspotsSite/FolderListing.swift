import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names in a folder with whether each is a folder itself (a symbolic link is not), read with `readdir`:
/// listing a site's or a project's thousands of files through `FileManager` cost more than the work on them.
enum FolderListing {
    /// Nil when the folder cannot be opened. "." and ".." are left out.
    static func names(in path: String) -> [(name: String, isFolder: Bool)]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [(name: String, isFolder: Bool)] = []
        while let item = readdir(directory) {
            // Fields are read through their own addresses: a record readdir returns can be shorter than `dirent`,
            // and copying the whole struct (its 256-byte name) can read past the end of mapped memory.
            let raw = UnsafeRawPointer(item)
            let name = String(cString: (raw + MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                .assumingMemoryBound(to: CChar.self))
            guard name != ".", name != ".." else { continue }
            var type = raw.load(fromByteOffset: MemoryLayout<dirent>.offset(of: \dirent.d_type)!, as: UInt8.self)
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path + "/" + name, &info) == 0 else { continue }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            names.append((name, type == UInt8(DT_DIR)))
        }
        return names
    }
}
