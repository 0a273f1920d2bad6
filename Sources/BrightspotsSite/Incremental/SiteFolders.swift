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
/// Files are never written in place: a file is unlinked and created anew (or linked from the live folder), so a
/// file the two folders share through a hard link is never changed under a reader.
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
