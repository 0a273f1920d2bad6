import CAtomicSwap
import Foundation

/// A build writes into a fresh folder beside the output and swaps it in whole, so a failed or killed build
/// never leaves a half-written site: readers see the old site or the new one.
public struct AtomicOutput: Sendable {
    public let destination: URL
    /// The fresh folder this build writes into.
    public let staging: URL

    static let stagingMarker = ".building-"
    static let retiredMarker = ".retired-"

    /// Prepares a new, empty staging folder and clears staging folders left by killed builds.
    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.removeLeftovers(of: self.destination)
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        staging = parent.appendingPathComponent(self.destination.lastPathComponent + Self.stagingMarker + unique)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// Swaps the staging folder in as the destination. With an existing destination the two are exchanged
    /// in one step (renameat2), then the old site is deleted, or kept at `previous` when that is given and free.
    public func commit(keepingPreviousAt previous: URL? = nil) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: destination.path, isDirectory: &isDirectory) else {
            try fm.moveItem(at: staging, to: destination)
            return
        }
        guard isDirectory.boolValue else {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: destination.path])
        }
        if brightspots_exchange_paths(staging.path, destination.path) != 0 {
            // File systems without exchange: move the old site aside, then the new one in.
            let retired = staging.deletingLastPathComponent()
                .appendingPathComponent(destination.lastPathComponent + Self.retiredMarker + UUID().uuidString)
            try fm.moveItem(at: destination, to: retired)
            try fm.moveItem(at: staging, to: destination)
            if let previous, (try? fm.moveItem(at: retired, to: previous)) != nil { return }
            try? fm.removeItem(at: retired)
            return
        }
        // The staging folder now holds the previous site.
        if let previous, (try? fm.moveItem(at: staging, to: previous)) != nil { return }
        try? fm.removeItem(at: staging)
    }

    /// Removes the staging folder after a failed build; the destination is untouched.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    static func removeLeftovers(of destination: URL) {
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for sibling in siblings where sibling.hasPrefix(name + stagingMarker) || sibling.hasPrefix(name + retiredMarker) {
            // A staging folder of a build still running (same pid prefix, live process) is left alone.
            let owner = sibling.dropFirst(name.count + stagingMarker.count).prefix { $0.isNumber }
            if let pid = Int32(owner), pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(sibling))
        }
    }
}
