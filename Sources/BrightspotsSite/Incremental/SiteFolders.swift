import CAtomicSwap
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output folder and its spare, `<output>.previous`: the site the previous build swapped out. An incremental
/// build brings the spare up to date and swaps the two in one `renameat2` call, so readers see the old site or the
/// new one, never a mixture, and the work is in proportion to what changed.
///
/// A file the two folders share through a hard link is never written in place: it is unlinked and created anew
/// (or linked from the live folder), so the live site never changes under a reader. Only a fresh build writes the
/// spare's own files in place (`overwrite`).
struct SiteFolders: Sendable {
    let live: URL
    let spare: URL

    static let spareSuffix = ".previous"

    init(live: URL) {
        self.live = live.standardizedFileURL
        self.spare = self.live.deletingLastPathComponent()
            .appendingPathComponent(self.live.lastPathComponent + Self.spareSuffix)
    }

    /// Writes `bytes` as the spare's file at `path`.
    func replace(_ path: String, with bytes: Data) throws {
        let target = spare.appendingPathComponent(path)
        unlink(target.path)
        try PlainFile.write(bytes, to: target.path)
    }

    /// Makes the spare's file at `path` the live folder's file (a hard link; a copy where links are refused).
    func link(_ path: String) throws {
        let source = live.appendingPathComponent(path)
        let target = spare.appendingPathComponent(path)
        unlink(target.path)
        var linked = Glibc.link(source.path, target.path) == 0
        if !linked && errno == ENOENT {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            linked = Glibc.link(source.path, target.path) == 0
        }
        if !linked {
            try FileManager.default.copyItem(at: source, to: target)
        }
    }

    /// Writes `bytes` as the spare's file at `path`, in place when the spare alone holds that file (see
    /// `PlainFile.overwriteIfAlone`). A fresh build writes every page this way: deleting a whole site and creating
    /// another made the file system search past thousands of just-freed inodes for each new file.
    func overwrite(_ path: String, with bytes: Data) throws {
        let target = spare.appendingPathComponent(path)
        if try PlainFile.overwriteIfAlone(bytes, at: target.path) { return }
        // A folder where the file goes, or a file where a folder above it goes (a link `replace` unlinks itself).
        var info = stat()
        if lstat(target.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR { try? FileManager.default.removeItem(at: target) }
        var folder = target.deletingLastPathComponent()
        while folder.path.count > spare.path.count {
            if lstat(folder.path, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR { unlink(folder.path) }
            folder = folder.deletingLastPathComponent()
        }
        try replace(path, with: bytes)
    }

    /// What the spare holds before a build writes over it: its files and its empty folders, as paths relative to
    /// it. Listing waits on the disk for folders whose entries are no longer cached (at 10,000 entries this was a
    /// second at the end of a clean build, one folder after another), so a build lists the spare beside its
    /// rendering (`Beside`) and removes what it did not write afterwards (`removeAll(except:listed:)`).
    func spareContents() -> (files: [String], emptyFolders: [String]) {
        var files: [String] = []
        var emptyFolders: [String] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? spare.path : spare.path + "/" + relative
            guard let names = FolderListing.names(in: path) else { return }
            if names.isEmpty, !relative.isEmpty { emptyFolders.append(relative) }
            for (name, isFolder) in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                if isFolder { walk(child) } else { files.append(child) }
            }
        }
        walk("")
        return (files, emptyFolders)
    }

    /// Removes every file of `listed` (the spare's contents before the build wrote over it, which are all the files
    /// it can hold that the build did not write) that `keep` does not name, and the folders that leaves empty.
    func removeAll(except keep: Set<String>, listed: (files: [String], emptyFolders: [String])) {
        // Folders that may be left empty: those of removed files and the empty ones, with the folders above them.
        var emptied: Set<String> = []
        func mayEmpty(_ folder: String) {
            var folder = folder
            while !folder.isEmpty, emptied.insert(folder).inserted { folder = Self.parent(folder) }
        }
        for folder in listed.emptyFolders { mayEmpty(folder) }
        for file in listed.files where !keep.contains(file) {
            unlink(spare.path + "/" + file)
            mayEmpty(Self.parent(file))
        }
        // Deepest first, so a folder is tried after the folders in it; one still holding files stays.
        for folder in emptied.sorted(by: { $0.utf8.count > $1.utf8.count }) { rmdir(spare.path + "/" + folder) }
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Removes the spare's file at `path` and the folders it leaves empty.
    func remove(_ path: String) {
        var target = spare.appendingPathComponent(path)
        unlink(target.path)
        let base = spare.path
        target = target.deletingLastPathComponent()
        while target.path.count > base.count, rmdir(target.path) == 0 {
            target = target.deletingLastPathComponent()
        }
    }

    /// Exchanges the two folders.
    func swap() throws {
        guard brightspots_exchange_paths(spare.path, live.path) == 0 else {
            throw WriteError(message: "could not swap \(spare.lastPathComponent) and \(live.lastPathComponent): \(String(cString: strerror(errno)))", count: 1)
        }
    }
}
