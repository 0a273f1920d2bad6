import Crypto
import Foundation

/// `manifest.json` at the top of a backup archive: what the archive must hold, file by file, so that `restore`
/// refuses a damaged, truncated or edited archive before anything is put in place.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// Raised when the layout changes; `restore` refuses formats it does not know.
    public static let currentFormat = 1
    public static let fileName = "manifest.json"

    public var format: Int
    /// When the snapshot was taken (ISO 8601, UTC).
    public var createdAt: String
    /// The store's copy in the archive (a path in `files`), if the project had a store.
    public var database: String?
    /// The settings file given with `--config`, if any (a path in `files`).
    public var settings: String?
    /// Every other file in the archive, sorted by path.
    public var files: [Item]

    public struct Item: Codable, Sendable, Hashable {
        public var path: String
        public var size: Int
        /// SHA-256 of the bytes, in lower-case hex.
        public var sha256: String

        public init(path: String, bytes: Data) {
            self.path = path
            size = bytes.count
            sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        }
    }

    public init(createdAt: Date, database: String?, settings: String?, files: [Item]) {
        format = Self.currentFormat
        self.createdAt = createdAt.formatted(.iso8601)
        self.database = database
        self.settings = settings
        self.files = files.sorted { $0.path < $1.path }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// What is wrong with an archive, as a value (tests compare these, the command prints them).
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case unreadable(String)
        case unknownFormat(Int)
        case missing(String)
        case changed(String)
        case unexpected(String)

        public var description: String {
            switch self {
            case .unreadable(let reason): return "\(BackupManifest.fileName) cannot be read: \(reason)"
            case .unknownFormat(let format):
                return "its format is \(format), which this version of brightspots does not know (it knows \(BackupManifest.currentFormat)): restore it with the version that made it"
            case .missing(let path): return "\(path) is listed in the manifest but missing"
            case .changed(let path): return "\(path) is not as it was backed up (its size or SHA-256 differs)"
            case .unexpected(let path): return "\(path) is in the archive but not in the manifest"
            }
        }
    }

    /// Reads a manifest, or says why it cannot be used.
    public static func decode(_ data: Data) -> Result<BackupManifest, Problem> {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct Format: Decodable { var format: Int }
        guard let format = try? decoder.decode(Format.self, from: data) else {
            return .failure(.unreadable("it is not a brightspots backup manifest"))
        }
        guard format.format == currentFormat else { return .failure(.unknownFormat(format.format)) }
        do {
            return .success(try decoder.decode(BackupManifest.self, from: data))
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }

    /// Compares what an unpacked archive holds (`found`: every file but the manifest) with the manifest.
    public func problems(found: [Item]) -> [Problem] {
        let expected = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let actual = Dictionary(found.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [Problem] = []
        for item in files {
            guard let other = actual[item.path] else { problems.append(.missing(item.path)); continue }
            if other != item { problems.append(.changed(item.path)) }
        }
        for path in actual.keys.sorted() where expected[path] == nil { problems.append(.unexpected(path)) }
        for named in [database, settings].compactMap({ $0 }) where expected[named] == nil {
            problems.append(.missing(named))
        }
        return problems
    }
}

/// The regular files under a folder, as manifest items with paths relative to it.
public enum BackupInventory {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every regular file under `folder` (recursively), except those `skip` names. Anything that is neither a
    /// file nor a folder (a symbolic link, a device) is an error: an archive must not put links in a project.
    public static func items(in folder: URL, prefix: String = "", skip: (String) -> Bool = { _ in false }) throws -> [BackupManifest.Item] {
        var items: [BackupManifest.Item] = []
        let keys: [URLResourceKey] = [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else {
            throw Failure(description: "cannot read the folder \(folder.path)")
        }
        while let url = walker.nextObject() as? URL {
            let relative = prefix + String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            let values = try url.resourceValues(forKeys: Set(keys))
            if values.isSymbolicLink == true {
                throw Failure(description: "\(url.path) is a symbolic link: backups hold files and folders only. Replace it with the file it points to.")
            }
            if values.isDirectory == true { continue }
            guard values.isRegularFile == true else {
                throw Failure(description: "\(url.path) is not a regular file: backups hold files and folders only")
            }
            if skip(url.lastPathComponent) { continue }
            items.append(BackupManifest.Item(path: relative, bytes: try Data(contentsOf: url)))
        }
        return items.sorted { $0.path < $1.path }
    }
}
