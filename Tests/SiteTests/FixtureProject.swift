import BrightspotsCore
import BrightspotsSite
import Foundation

/// Test projects made from the fixture folders: `Fixtures/base` (configuration) with a case's `Content/` laid
/// over it, in a fresh temporary folder whose `Themes` links to the repository's themes.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A temporary project: base configuration plus the named fixture (e.g. "golden", "invalid/unknown-key").
    static func project(_ name: String?) throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.copy(folder.appendingPathComponent("base/Content"), to: "Content")
        if let name { try project.copy(folder.appendingPathComponent("\(name)/Content"), to: "Content") }
        try FileManager.default.createSymbolicLink(at: project.root.appendingPathComponent("Themes"),
                                                   withDestinationURL: repositoryRoot.appendingPathComponent("Themes"))
        return project
    }
}

/// A folder under the system's temporary directory, removed with `remove()`.
struct TemporaryProject {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("brightspots-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    var files: ProjectFiles { ProjectFiles(root: root) }
    var output: URL { root.appendingPathComponent("public") }

    /// Site tests build as of a fixed day, so which forum editions are upcoming never changes.
    static let today = Day(year: 2026, month: 10, day: 1)!

    func options(audience: Audience = .public, theme: String = Theme.defaultName) -> BuildOptions {
        BuildOptions(project: files, theme: theme, audience: audience, today: Self.today)
    }

    /// Copies a folder's contents into `relative`, merging with what is there.
    func copy(_ source: URL, to relative: String) throws {
        let base = source.standardizedFileURL.path + "/"
        let walker = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            try write("\(relative)/\(path)", Data(contentsOf: url))
        }
    }

    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }

    func write(_ relative: String, _ data: Data) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(relative).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

extension MemorySink {
    /// Every file's text, for assertions over the whole output.
    var allText: [String: String] { files.mapValues { String(decoding: $0, as: UTF8.self) } }
}
