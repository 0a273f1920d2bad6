import BrightspotsCore
import BrightspotsSite
import Foundation
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// `serve --watch`: rebuilds the site incrementally when anything under Content/ or Themes/ changes, then tells
/// open pages to reload. Changes arriving together (an editor's save, a `git checkout`) make one rebuild.
public struct SiteWatcher: Service {
    let publisher: Publisher
    let liveReload: LiveReload
    let folders: [URL]
    let logger: Logger
    /// How long to wait after a change for others before rebuilding.
    let settle: Duration
    /// Called once the folders are watched: a change made after it is seen (tests wait for it).
    let onWatching: (@Sendable () -> Void)?

    public init(publisher: Publisher, liveReload: LiveReload, folders: [URL], logger: Logger,
                settle: Duration = .milliseconds(40), onWatching: (@Sendable () -> Void)? = nil) {
        self.onWatching = onWatching
        self.publisher = publisher
        self.liveReload = liveReload
        self.folders = folders
        self.logger = logger
        self.settle = settle
    }

    public func run() async throws {
        let changes = ChangeSource(folders: folders)
        defer { changes.close() }
        // Whatever changed between the last build and the watches being set is seen now: one rebuild, which
        // writes nothing when nothing changed (and, after `serve --no-build`, reads every file once).
        await rebuild(announcing: false)
        logger.info("Watching for changes under \(folders.map(\.lastPathComponent).joined(separator: " and "))")
        onWatching?()
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                guard changes.poll() else {
                    try? await Task.sleep(for: .milliseconds(changes.usesNotifications ? 25 : 300))
                    continue
                }
                // Let a burst of changes finish, then rebuild once.
                repeat { try? await Task.sleep(for: settle) } while changes.poll()
                await rebuild()
            }
        } onGracefulShutdown: {
            Task { await liveReload.finish() }
        }
    }

    /// Rebuilds, then tells open pages to reload; `announcing: false` tells them only if files changed.
    func rebuild(announcing: Bool = true) async {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let summary = try await publisher.rebuild()
            let elapsed = clock.now - start
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            let stages: String = summary.timings.map { stage, duration -> String in
                let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
                return "\(stage.rawValue) \(String(format: "%.0f", ms))"
            }.joined(separator: ", ")
            logger.info("Rebuilt in \(String(format: "%.0f", milliseconds)) ms (\(stages)): \(summary.rendered) pages rendered, \(summary.written) files written, \(summary.removed) removed")
            if announcing || summary.written > 0 || summary.removed > 0 { await liveReload.announce() }
        } catch let report as ProblemReport {
            logger.error("The site was not rebuilt; the last good build is still served.\n\(report.description)")
        } catch {
            logger.error("The site was not rebuilt: \(error)")
        }
    }
}

/// Reports whether anything changed under some folders since the last call: inotify on Linux (every sub-folder
/// watched, new ones added as they appear), otherwise a comparison of every file's stamp.
final class ChangeSource: @unchecked Sendable {
    let folders: [URL]
    private var descriptor: Int32 = -1
    private var lastStamps: [String: FileStamp] = [:]

    var usesNotifications: Bool { descriptor >= 0 }

    init(folders: [URL]) {
        self.folders = folders
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if descriptor >= 0 {
            for folder in folders { watchTree(folder) }
            return
        }
        #endif
        lastStamps = stamps()
    }

    func close() {
        #if canImport(Glibc)
        if descriptor >= 0 { Glibc.close(descriptor) }
        #endif
        descriptor = -1
    }

    /// True when something changed since the last call.
    func poll() -> Bool {
        #if canImport(Glibc)
        if descriptor >= 0 { return drainEvents() }
        #endif
        let now = stamps()
        defer { lastStamps = now }
        return now != lastStamps
    }

    private func stamps() -> [String: FileStamp] {
        var result: [String: FileStamp] = [:]
        for folder in folders {
            let walker = FileManager.default.enumerator(atPath: folder.path)
            while let path = walker?.nextObject() as? String {
                let full = folder.path + "/" + path
                if let stamp = FileStamp.of(full) { result[full] = stamp }
            }
        }
        return result
    }

    #if canImport(Glibc)
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    private func watchTree(_ folder: URL) {
        _ = inotify_add_watch(descriptor, folder.path, Self.mask)
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                _ = inotify_add_watch(descriptor, url.path, Self.mask)
            }
        }
    }

    /// Reads every pending event; a new folder is watched (with what is already in it).
    private func drainEvents() -> Bool {
        var changed = false
        var newFolders = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { break }
            changed = true
            var offset = 0
            while offset < count {
                let event = buffer.advanced(by: offset).assumingMemoryBound(to: inotify_event.self).pointee
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    newFolders = true
                }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        // Watching a folder twice is harmless (the same watch is returned), so re-walk rather than track names.
        if newFolders { for folder in folders { watchTree(folder) } }
        return changed
    }
    #endif
}
