import BrightspotsCore
import Foundation

/// Reads every file of a built site (and whatever else is named) looking for an entry's traces: after a takedown,
/// nothing served, nothing left beside the site and nothing in the build cache may still mention it.
public enum TraceScan {
    public struct Result: Sendable {
        /// Files read.
        public var checked = 0
        /// Files that still mention the entry, with what they mention.
        public var mentions: [(file: String, found: [String])] = []
    }

    /// The folders a build of `output` can leave: the site, its spare (`<output>.previous`) and any staging or
    /// retired folder a killed build left beside it.
    public static func siteFolders(of output: URL) -> [URL] {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let siblings = ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [])
            .filter { $0.hasPrefix(name + ".") }.sorted()
        return [output] + siblings.map { parent.appendingPathComponent($0) }
    }

    /// Every regular file under `locations` (folders are walked; files are read as they are).
    public static func scan(_ locations: [URL], for traces: Traces) -> Result {
        var result = Result()
        let fm = FileManager.default
        for location in locations {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: location.path, isDirectory: &isDirectory) else { continue }
            var files: [URL] = []
            if isDirectory.boolValue {
                let walker = fm.enumerator(at: location, includingPropertiesForKeys: [.isRegularFileKey])
                while let url = walker?.nextObject() as? URL {
                    if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
                }
            } else {
                files = [location]
            }
            for file in files.sorted(by: { $0.path < $1.path }) {
                guard let data = fm.contents(atPath: file.path) else { continue }
                result.checked += 1
                let found = traces.found(in: [UInt8](data))
                if !found.isEmpty { result.mentions.append((file.path, found)) }
            }
        }
        return result
    }
}
